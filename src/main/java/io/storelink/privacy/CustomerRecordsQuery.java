package io.storelink.privacy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import org.apache.camel.Body;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.stereotype.Component;

/**
 * ONE composite call of up to three SOQL queries reads a customer's records: the Contact by its external id, the
 * customer's Account ({@code shop_cust_<id>}), and the Opportunities of the request's orders or linked to that Contact
 * or Account (through the lookups' relationships, so no second call needs the Contact's Id). Every field the mapping
 * writes is read: the redaction compares them with their redacted values, the export returns them.
 */
@Component("customerRecordsQuery")
public class CustomerRecordsQuery {

    static final String CONTACT = "contact";
    static final String ACCOUNT = "account";
    static final String OPPORTUNITIES = "opportunities";

    private final ManagedFields fields;
    private final String apiVersion;

    public CustomerRecordsQuery(ManagedFields fields, SalesforceSettings salesforce) {
        this.fields = fields;
        this.apiVersion = salesforce.apiVersion();
    }

    public SObjectComposite query(@Body PrivacyRequest request) {
        MappingSettings m = fields.mapping();
        String customer = request.customerId();
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        composite.addGeneric(SObjectComposite.Method.GET, url(select(fields.contactSelect(), m.contact().object())
                + " WHERE " + m.contact().externalId() + " = '" + customer + "'"), CONTACT);
        composite.addGeneric(SObjectComposite.Method.GET, url(select(fields.accountSelect(), m.account().object())
                + " WHERE " + m.account().externalId() + " = '" + accountKey(customer) + "'"), ACCOUNT);
        List<String> where = new ArrayList<>();
        if (!request.orderIds().isEmpty()) {
            where.add(m.opportunity().externalId() + " IN ('" + String.join("','", request.orderIds()) + "')");
        }
        String contact = ManagedFields.relationship(m.opportunity().contact());
        if (contact != null) {
            where.add(contact + "." + m.contact().externalId() + " = '" + customer + "'");
        }
        String account = ManagedFields.relationship(m.opportunity().account());
        if (account != null) {
            where.add(account + "." + m.account().externalId() + " = '" + accountKey(customer) + "'");
        }
        if (!where.isEmpty()) {
            composite.addGeneric(SObjectComposite.Method.GET, url(select(fields.opportunitySelect(), m.opportunity().object())
                    + " WHERE " + String.join(" OR ", where)), OPPORTUNITIES);
        }
        return composite;
    }

    /**
     * The answer (already checked by CompositeOutcome) as the customer's records. Subresults come in the order of the
     * subrequests (camel-salesforce 4.17 drops Salesforce's "referenceId"): Contact, Account, Opportunities.
     */
    public CustomerRecords read(@Body SObjectCompositeResponse response) {
        List<SObjectCompositeResult> results = response.getCompositeResponse();
        List<Map<String, Object>> contact = CustomerRecords.records(results.get(0).getBody());
        List<Map<String, Object>> account = CustomerRecords.records(results.get(1).getBody());
        List<Map<String, Object>> opportunities = results.size() > 2 ? CustomerRecords.records(results.get(2).getBody()) : List.of();
        return new CustomerRecords(contact.isEmpty() ? null : contact.get(0), account.isEmpty() ? null : account.get(0),
                opportunities);
    }

    String accountKey(String customerId) {
        return fields.mapping().account().customerKeyPrefix() + customerId;
    }

    private static String select(List<String> fields, String object) {
        return "SELECT " + String.join(", ", fields) + " FROM " + object;
    }

    private static String url(String soql) {
        return "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }
}

package io.storelink.salesforce;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.OrderRecords;
import io.storelink.mapping.Upsert;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Puts an order's three upserts into ONE Salesforce composite call (one API call per order) with allOrNone, so
 * an order is written whole or not at all. The Contact and the Opportunity point at the Account and Contact of
 * the same call through composite references ({@code @{account.id}}): an upsert returns the record id whether it
 * created or updated.
 */
@Component("orderComposite")
public class OrderComposite implements Processor {

    static final String ACCOUNT_REF = "account";
    static final String CONTACT_REF = "contact";
    static final String OPPORTUNITY_REF = "opportunity";

    private final String apiVersion;
    private final MappingSettings mapping;

    public OrderComposite(SalesforceSettings salesforce, MappingSettings mapping) {
        this.apiVersion = salesforce.apiVersion();
        this.mapping = mapping;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().setBody(composite(exchange.getIn().getBody(OrderRecords.class)));
    }

    public SObjectComposite composite(OrderRecords records) {
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        add(composite, records.account(), Map.of(), ACCOUNT_REF);
        records.contact().ifPresent(contact -> add(composite, contact,
                links(mapping.contact().account(), ACCOUNT_REF), CONTACT_REF));
        Map<String, String> opportunityLinks = new LinkedHashMap<>(links(mapping.opportunity().account(), ACCOUNT_REF));
        if (records.contact().isPresent()) {
            opportunityLinks.putAll(links(mapping.opportunity().contact(), CONTACT_REF));
        }
        add(composite, records.opportunity(), opportunityLinks, OPPORTUNITY_REF);
        return composite;
    }

    private static Map<String, String> links(String field, String ref) {
        return field == null || field.isBlank() ? Map.of() : Map.of(field, "@{" + ref + ".id}");
    }

    private static void add(SObjectComposite composite, Upsert upsert, Map<String, String> links, String ref) {
        Map<String, Object> body = new LinkedHashMap<>(upsert.fields());
        body.putAll(links);
        String url = "/sobjects/" + upsert.sObject() + "/" + upsert.externalIdField() + "/"
                + UriUtils.encodePathSegment(upsert.externalId(), StandardCharsets.UTF_8);
        composite.addGeneric(SObjectComposite.Method.PATCH, url, body, ref);
    }
}

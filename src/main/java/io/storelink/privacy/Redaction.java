package io.storelink.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.springframework.stereotype.Component;

/**
 * customers/redact: from the customer's records as Salesforce shows them to the fields that must change. Anonymise
 * (default) blanks every personal field; the required ones get a neutral placeholder (Contact.LastName "Redacted",
 * Account.Name "Redacted customer <id>", Opportunity.Name "Shopify order <order id>"). Delete removes the Contact, and
 * the customer's own Account when no Opportunity hangs on it (deleting an Account deletes its Opportunities in
 * Salesforce, and those are the merchant's sales records: they are anonymised, never deleted). Only fields that differ
 * from their redacted value are written, so a repeated request changes nothing and costs no write.
 */
@Component("redaction")
public class Redaction {

    static final int RECORDS_PER_COLLECTION = 200;

    private final ManagedFields fields;
    private final PrivacySettings settings;
    private final String apiVersion;

    public Redaction(ManagedFields fields, PrivacySettings settings, SalesforceSettings salesforce) {
        this.fields = fields;
        this.settings = settings;
        this.apiVersion = salesforce.apiVersion();
    }

    public RedactionPlan plan(@ExchangeProperty(ParsePrivacyRequest.REQUEST) PrivacyRequest request, @Body CustomerRecords records) {
        MappingSettings m = fields.mapping();
        boolean delete = settings.redact() == PrivacySettings.RedactMode.DELETE;
        List<Map<String, Object>> updates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<RedactionPlan.Change> changes = new ArrayList<>();
        if (records.contact() != null) {
            if (delete) {
                deleteRecord(m.contact().object(), records.contact(), deletes, changes);
            } else {
                anonymise(m.contact().object(), records.contact(), fields.contactPersonal(),
                        Map.of("lastname", settings.placeholderLastName()), updates, changes);
            }
        }
        if (records.account() != null) {
            Object accountId = records.account().get("Id");
            boolean hasOpportunities = m.opportunity().account() != null && records.opportunities().stream()
                    .anyMatch(o -> Objects.equals(accountId, o.get(m.opportunity().account())));
            if (delete && !hasOpportunities) {
                deleteRecord(m.account().object(), records.account(), deletes, changes);
            } else {
                anonymise(m.account().object(), records.account(), fields.accountPersonal(),
                        // LastName: a person Account's is required (its Name is computed from it, never written)
                        Map.of("name", settings.placeholderAccountName() + request.customerId(),
                                "lastname", settings.placeholderLastName()), updates, changes);
            }
        }
        for (Map<String, Object> opportunity : records.opportunities()) {
            String orderId = String.valueOf(opportunity.get(m.opportunity().externalId()));
            anonymise(m.opportunity().object(), opportunity, fields.opportunityPersonal(),
                    Map.of("name", settings.placeholderOpportunityName() + orderId), updates, changes);
        }
        return new RedactionPlan(updates, deletes, changes);
    }

    /**
     * ONE composite call, all or none: the updates as sObject Collections of up to 200 records (mixed objects), then
     * one collection delete. Null when there is nothing to write.
     */
    public SObjectComposite composite(@Body RedactionPlan plan) {
        if (plan.isEmpty()) {
            return null;
        }
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        int n = 0;
        for (int from = 0; from < plan.updates().size(); from += RECORDS_PER_COLLECTION) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("allOrNone", true);
            body.put("records", plan.updates().subList(from, Math.min(plan.updates().size(), from + RECORDS_PER_COLLECTION)));
            composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects", body, "redact" + ++n);
        }
        if (!plan.deletes().isEmpty()) {
            composite.addGeneric(SObjectComposite.Method.DELETE,
                    "/composite/sobjects?allOrNone=true&ids=" + String.join(",", plan.deletes()), null, "delete");
        }
        return composite;
    }

    private static void anonymise(String object, Map<String, Object> record, List<String> personal,
                                  Map<String, String> placeholders, List<Map<String, Object>> updates,
                                  List<RedactionPlan.Change> changes) {
        Map<String, Object> update = new LinkedHashMap<>();
        for (String field : personal) {
            Object redacted = placeholders.get(field.toLowerCase(java.util.Locale.ROOT));
            if (!Objects.equals(value(record, field), redacted)) {
                update.put(field, redacted);
            }
        }
        if (update.isEmpty()) {
            return;
        }
        String id = String.valueOf(record.get("Id"));
        changes.add(new RedactionPlan.Change(object, id, "anonymised", List.copyOf(update.keySet())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Map.of("type", object));
        out.put("Id", id);
        out.putAll(update);
        updates.add(out);
    }

    private static void deleteRecord(String object, Map<String, Object> record, List<String> deletes,
                                     List<RedactionPlan.Change> changes) {
        String id = String.valueOf(record.get("Id"));
        deletes.add(id);
        changes.add(new RedactionPlan.Change(object, id, "deleted", List.of()));
    }

    /** Salesforce answers a field under its own spelling; the mapping may spell it otherwise. */
    private static Object value(Map<String, Object> record, String field) {
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue() instanceof String s && s.isEmpty() ? null : e.getValue();
            }
        }
        return null;
    }
}

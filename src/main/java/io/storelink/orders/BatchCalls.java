package io.storelink.orders;

import io.storelink.lineitems.LineItems;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.Upsert;
import io.storelink.salesforce.AppliedVersion;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.salesforce.CompositeOutcome;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.shopify.admin.Batches;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Salesforce calls of a batch, each ONE composite call (one API call): the version reads of up to 1,000 orders
 * (5 SOQL queries of 200 ids), and the upserts of up to 200 orders as sObject Collections, Accounts, then Contacts
 * (their Account by external id), then Opportunities (Account and Contact by external id). A composite may hold at
 * most 5 queries or collections, a collection at most 200 records of one type (Salesforce REST API guide).
 * Neither the composite nor the collections are all-or-none: each record answers for itself, so one refused
 * record does not hold back the others.
 */
final class BatchCalls {

    static final int IDS_PER_QUERY = 200;
    static final int QUERIES_PER_CALL = 5;
    static final int ORDERS_PER_WRITE = 200;

    /** The per-order positions of one write call's records in its collections' results (-1: no Contact). */
    record Write(SObjectComposite composite, List<BatchRecord> records, int[] account, int[] contact, int[] opportunity,
            int contactsRequest, int opportunitiesRequest) {
    }

    /** A record's answer: success, or Salesforce's errors for it. */
    record Saved(boolean success, SalesforceException failure) {
    }

    private final String apiVersion;
    private final MappingSettings mapping;
    private final AppliedVersions versions;
    private final OrgSchema schema;
    private final LineItems lineItems;

    BatchCalls(String apiVersion, MappingSettings mapping, AppliedVersions versions, OrgSchema schema) {
        this(apiVersion, mapping, versions, schema, LineItems.off());
    }

    BatchCalls(String apiVersion, MappingSettings mapping, AppliedVersions versions, OrgSchema schema, LineItems lineItems) {
        this.apiVersion = apiVersion;
        this.mapping = mapping;
        this.versions = versions;
        this.schema = schema;
        this.lineItems = lineItems;
    }

    SObjectComposite versionReads(List<BatchRecord> records) {
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        Batches<Long> queries = new Batches<>(records.stream().map(BatchRecord::orderId).iterator(), IDS_PER_QUERY);
        for (int query = 0; queries.hasNext(); query++) {
            // encoded here: camel-salesforce's addQuery puts the SOQL into the URL as it is, spaces and quotes included
            composite.addGeneric(SObjectComposite.Method.GET,
                    "/query/?q=" + URLEncoder.encode(versions.query(queries.next()), StandardCharsets.UTF_8), "versions" + query);
        }
        return composite;
    }

    /** Opportunity versions by Shopify order id; an order without an Opportunity is absent from the map. */
    Map<String, Optional<Instant>> readVersions(SObjectCompositeResponse response) throws SalesforceException {
        Map<String, Optional<Instant>> found = new HashMap<>();
        String idField = mapping.opportunity().externalId();
        String versionField = mapping.opportunity().shopifyUpdatedAt();
        for (SObjectCompositeResult result : results(response)) {
            failIfRefused(result, "the version query");
            if (result.getBody() instanceof Map<?, ?> body && body.get("records") instanceof List<?> records) {
                for (Object r : records) {
                    if (r instanceof Map<?, ?> record && record.get(idField) != null) {
                        Object version = record.get(versionField);
                        found.put(record.get(idField).toString(),
                                Optional.ofNullable(version).map(v -> AppliedVersion.parse(v.toString())));
                    }
                }
            }
        }
        return found;
    }

    Write upserts(List<BatchRecord> records) {
        Map<String, Integer> accountIndex = new LinkedHashMap<>();
        Map<String, Integer> contactIndex = new LinkedHashMap<>();
        List<Map<String, Object>> accounts = new ArrayList<>();
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<Map<String, Object>> opportunities = new ArrayList<>();
        int n = records.size();
        int[] account = new int[n];
        int[] contact = new int[n];
        int[] opportunity = new int[n];
        for (int i = 0; i < n; i++) {
            OrderUpserts r = records.get(i).mapped;
            // one customer's orders share their Account and Contact: written once, with the latest record's data
            account[i] = put(accountIndex, accounts, r.account(), Map.of());
            contact[i] = r.contact().map(c -> put(contactIndex, contacts, c,
                    link(mapping.contact().account(), r.account()))).orElse(-1);
            Map<String, Object> links = new LinkedHashMap<>(link(mapping.opportunity().account(), r.account()));
            r.contact().ifPresent(c -> links.putAll(link(mapping.opportunity().contact(), c)));
            BatchRecord order = records.get(i);
            // line items hook: price book, currency, version withheld until the lines are written
            opportunities.add(record(lineItems.opportunity(order.order, order.syncLines, r.opportunity()), links));
            opportunity[i] = opportunities.size() - 1;
        }
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        int request = 0;
        addCollection(composite, mapping.account().object(), mapping.account().externalId(), accounts, "accounts");
        int contactsRequest = -1;
        if (!contacts.isEmpty()) {
            addCollection(composite, mapping.contact().object(), mapping.contact().externalId(), contacts, "contacts");
            contactsRequest = ++request;
        }
        addCollection(composite, mapping.opportunity().object(), mapping.opportunity().externalId(), opportunities, "opportunities");
        return new Write(composite, records, account, contact, opportunity, contactsRequest, request + 1);
    }

    /** Per order of the call: success, or the first failure along Account, Contact, Opportunity. */
    List<Saved> saved(Write write, SObjectCompositeResponse response) throws SalesforceException {
        List<SObjectCompositeResult> results = results(response);
        List<?> accounts = collection(results.get(0), mapping.account().object());
        List<?> contacts = write.contactsRequest() < 0 ? List.of() : collection(results.get(write.contactsRequest()), mapping.contact().object());
        List<?> opportunities = collection(results.get(write.opportunitiesRequest()), mapping.opportunity().object());
        List<Saved> saved = new ArrayList<>();
        for (int i = 0; i < write.records().size(); i++) {
            SalesforceException failure = failure(accounts, write.account()[i], mapping.account().object());
            if (failure == null && write.contact()[i] >= 0) {
                failure = failure(contacts, write.contact()[i], mapping.contact().object());
            }
            if (failure == null) {
                failure = failure(opportunities, write.opportunity()[i], mapping.opportunity().object());
            }
            saved.add(new Saved(failure == null, failure));
        }
        return saved;
    }

    private int put(Map<String, Integer> index, List<Map<String, Object>> records, Upsert upsert, Map<String, Object> links) {
        Map<String, Object> record = record(upsert, links);
        Integer at = index.get(upsert.externalId());
        if (at != null) {
            records.set(at, record);
            return at;
        }
        records.add(record);
        index.put(upsert.externalId(), records.size() - 1);
        return records.size() - 1;
    }

    /**
     * A collections record: its type, its external id and fields (fitted to the org's fields: built after the gate,
     * so after the mapping check described them), and its parents by their external ids.
     */
    private Map<String, Object> record(Upsert upsert, Map<String, Object> links) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", upsert.sObject()));
        record.put(upsert.externalIdField(), upsert.externalId());
        record.putAll(FieldFit.fit(upsert.fields(), schema.fields(upsert.sObject())));
        record.putAll(links);
        return record;
    }

    /** {@code AccountId} -> {@code "Account": {"External_Shopify_Account_ID__c": "shop_cust_1"}}; custom X__c -> X__r. */
    static Map<String, Object> link(String lookupField, Upsert parent) {
        if (lookupField == null || lookupField.isBlank()) {
            return Map.of();
        }
        return Map.of(relationship(lookupField), Map.of(parent.externalIdField(), parent.externalId()));
    }

    static String relationship(String lookupField) {
        if (lookupField.endsWith("__c")) {
            return lookupField.substring(0, lookupField.length() - 3) + "__r";
        }
        return lookupField.endsWith("Id") ? lookupField.substring(0, lookupField.length() - 2) : lookupField;
    }

    private static void addCollection(SObjectComposite composite, String object, String externalId,
            List<Map<String, Object>> records, String ref) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects/" + object + "/" + externalId, body, ref);
    }

    private static List<SObjectCompositeResult> results(SObjectCompositeResponse response) throws SalesforceException {
        if (response == null || response.getCompositeResponse() == null) {
            throw new SalesforceException("Salesforce composite call returned no results", 0);
        }
        return response.getCompositeResponse();
    }

    /** A subrequest refused as a whole (the query, or a collection's request) fails the call. */
    private static void failIfRefused(SObjectCompositeResult result, String what) throws SalesforceException {
        if (result.getHttpStatusCode() >= 300) {
            List<RestError> errors = CompositeOutcome.errors(result.getBody());
            throw new SalesforceException(errors, result.getHttpStatusCode(),
                    "Salesforce rejected " + what + ": " + result.getHttpStatusCode() + " " + CompositeOutcome.summary(errors));
        }
    }

    private static List<?> collection(SObjectCompositeResult result, String object) throws SalesforceException {
        failIfRefused(result, "the " + object + " upserts");
        if (result.getBody() instanceof List<?> list) {
            return list;
        }
        throw new SalesforceException("Salesforce answered the " + object + " upserts without results", result.getHttpStatusCode());
    }

    /** A record's result in a collection: null on success, else its errors (collections name the code statusCode). */
    private static SalesforceException failure(List<?> results, int index, String object) {
        if (index >= results.size() || !(results.get(index) instanceof Map<?, ?> result)) {
            return new SalesforceException("Salesforce gave no result for a " + object + " upsert", 0);
        }
        if (Boolean.TRUE.equals(result.get("success"))) {
            return null;
        }
        List<RestError> errors = CompositeOutcome.errors(result.get("errors"));
        return new SalesforceException(errors, 400, "Salesforce refused the " + object + " upsert: 400 " + CompositeOutcome.summary(errors));
    }
}

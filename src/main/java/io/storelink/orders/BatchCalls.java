package io.storelink.orders;

import io.storelink.lineitems.LineItems;
import io.storelink.mapping.LookupFields;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Salesforce calls of a batch, each ONE composite call (one API call): the version reads of up to 1,000 orders
 * or customers (5 SOQL queries of 200 ids: Opportunities for orders, Contacts for customers), and the upserts of up
 * to 200 records as sObject Collections, Accounts, then Contacts (their Account by external id), then Opportunities
 * (Account and Contact by external id); a customer event has no Opportunity, a customer's deletion mark only a Contact. A composite may hold at
 * most 5 queries or collections, a collection at most 200 records of one type (Salesforce REST API guide).
 * Neither the composite nor the collections are all-or-none: each record answers for itself, so one refused
 * record does not hold back the others.
 */
final class BatchCalls {

    static final int IDS_PER_QUERY = 200;
    static final int QUERIES_PER_CALL = 5;
    static final int ORDERS_PER_WRITE = 200;

    /**
     * The per-record positions of one write call's records in its collections' results (-1: none of that object), and
     * the position of each collection's request in the composite (-1: not sent).
     */
    record Write(SObjectComposite composite, List<BatchRecord> records, int[] account, int[] contact, int[] opportunity,
            int accountsRequest, int contactsRequest, int opportunitiesRequest) {
    }

    /** A record's answer: success, or Salesforce's errors for it. */
    record Saved(boolean success, SalesforceException failure) {
    }

    private final String apiVersion;
    private final MappingSettings mapping;
    private final AppliedVersions versions;
    private final AppliedVersions customerVersions;
    private final OrgSchema schema;
    private final LineItems lineItems;

    BatchCalls(String apiVersion, MappingSettings mapping, AppliedVersions versions, AppliedVersions customerVersions,
            OrgSchema schema) {
        this(apiVersion, mapping, versions, customerVersions, schema, LineItems.off());
    }

    BatchCalls(String apiVersion, MappingSettings mapping, AppliedVersions versions, AppliedVersions customerVersions,
            OrgSchema schema, LineItems lineItems) {
        this.apiVersion = apiVersion;
        this.mapping = mapping;
        this.versions = versions;
        this.customerVersions = customerVersions;
        this.schema = schema;
        this.lineItems = lineItems;
    }

    /** One query per kind and 200 ids, in the order OrderBatch planned them: orders' first, then customers'. */
    SObjectComposite versionReads(List<BatchRecord> records) {
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        int query = 0;
        for (Subject.Kind kind : Subject.Kind.values()) {
            Batches<Long> ids = new Batches<>(ids(records, kind).iterator(), IDS_PER_QUERY);
            while (ids.hasNext()) {
                // encoded here: camel-salesforce's addQuery puts the SOQL into the URL as it is, spaces and quotes included
                String soql = (kind == Subject.Kind.ORDER ? versions : customerVersions).query(ids.next());
                composite.addGeneric(SObjectComposite.Method.GET, "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8),
                        kind.name().toLowerCase(Locale.ROOT) + "s" + query++);
            }
        }
        return composite;
    }

    /**
     * Versions by order (its Opportunity's) and by customer (its Contact's, or its person Account's); an order without
     * an Opportunity or a customer without a Contact is absent from the map. Which query a result answers is told by
     * its position (results come in the order of the subrequests), not by its referenceId, which the client may drop.
     */
    Map<Subject, Optional<Instant>> readVersions(SObjectCompositeResponse response, List<BatchRecord> records) throws SalesforceException {
        Map<Subject, Optional<Instant>> found = new HashMap<>();
        int orderQueries = (ids(records, Subject.Kind.ORDER).size() + IDS_PER_QUERY - 1) / IDS_PER_QUERY;
        List<SObjectCompositeResult> results = results(response);
        for (int i = 0; i < results.size(); i++) {
            SObjectCompositeResult result = results.get(i);
            failIfRefused(result, "the version query");
            boolean customers = i >= orderQueries;
            AppliedVersions applied = customers ? customerVersions : versions;
            String idField = applied.idField();
            String versionField = applied.versionField();
            if (result.getBody() instanceof Map<?, ?> body && body.get("records") instanceof List<?> rows) {
                for (Object r : rows) {
                    if (r instanceof Map<?, ?> record && record.get(idField) != null) {
                        long id = applied.shopifyId(record.get(idField).toString());
                        Object version = record.get(versionField);
                        found.put(customers ? Subject.customer(id) : Subject.order(id),
                                Optional.ofNullable(version).map(v -> AppliedVersion.parse(v.toString())));
                    }
                }
            }
        }
        return found;
    }

    private static List<Long> ids(List<BatchRecord> records, Subject.Kind kind) {
        return records.stream().map(BatchRecord::subject).filter(s -> s.kind() == kind).map(Subject::id).toList();
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
            RecordUpserts r = records.get(i).mapped;
            // one customer's orders and customer events share their Account and Contact: written once, with the
            // fields of all of them, the latest record's value where they overlap
            account[i] = r.account() == null ? -1 : put(accountIndex, accounts, r.account(), Map.of());
            contact[i] = r.contact() == null ? -1 : put(contactIndex, contacts, r.contact(),
                    r.account() == null ? Map.of() : link(mapping.contact().account(), r.account()));
            opportunity[i] = -1;
            if (r.opportunity() != null) {
                Map<String, Object> links = new LinkedHashMap<>(link(mapping.opportunity().account(), r.account()));
                if (r.contact() != null) {
                    links.putAll(link(mapping.opportunity().contact(), r.contact()));
                }
                BatchRecord order = records.get(i);
                // line items hook: price book, currency, version withheld until the lines are written
                opportunities.add(record(lineItems.opportunity(order.order, order.syncLines, r.opportunity()), links));
                opportunity[i] = opportunities.size() - 1;
            }
        }
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        int[] request = {0};
        int accountsRequest = addCollection(composite, mapping.account().object(), mapping.account().externalId(), accounts, "accounts", request);
        int contactsRequest = addCollection(composite, mapping.contact().object(), mapping.contact().externalId(), contacts, "contacts", request);
        int opportunitiesRequest = addCollection(composite, mapping.opportunity().object(), mapping.opportunity().externalId(),
                opportunities, "opportunities", request);
        return new Write(composite, records, account, contact, opportunity, accountsRequest, contactsRequest, opportunitiesRequest);
    }

    /** Per record of the call: success, or the first failure along Account, Contact, Opportunity. */
    List<Saved> saved(Write write, SObjectCompositeResponse response) throws SalesforceException {
        List<SObjectCompositeResult> results = results(response);
        List<?> accounts = collection(results, write.accountsRequest(), mapping.account().object());
        List<?> contacts = collection(results, write.contactsRequest(), mapping.contact().object());
        List<?> opportunities = collection(results, write.opportunitiesRequest(), mapping.opportunity().object());
        List<Saved> saved = new ArrayList<>();
        for (int i = 0; i < write.records().size(); i++) {
            SalesforceException failure = null;
            if (write.account()[i] >= 0) {
                failure = failure(accounts, write.account()[i], mapping.account().object());
            }
            if (failure == null && write.contact()[i] >= 0) {
                failure = failure(contacts, write.contact()[i], mapping.contact().object());
            }
            if (failure == null && write.opportunity()[i] >= 0) {
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
            records.get(at).putAll(record);
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
        return LookupFields.relationship(lookupField);
    }

    /** Adds the collection's upserts unless it is empty; returns its request's position (-1: not sent). */
    private static int addCollection(SObjectComposite composite, String object, String externalId,
            List<Map<String, Object>> records, String ref, int[] next) {
        if (records.isEmpty()) {
            return -1;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects/" + object + "/" + externalId, body, ref);
        return next[0]++;
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

    private static List<?> collection(List<SObjectCompositeResult> results, int request, String object) throws SalesforceException {
        if (request < 0) {
            return List.of();
        }
        SObjectCompositeResult result = results.get(request);
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

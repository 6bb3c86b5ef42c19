package io.storelink.backfill.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storelink.mapping.FieldSet;
import io.storelink.mapping.LookupFields;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.Upsert;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.OrgSchema;

/**
 * An order's Salesforce records as Bulk API 2.0 rows, by the live writer's mapping ({@link OrderMapping}): the same
 * external ids, fields (fitted to the org's fields) and links, the parents named by external id in relationship
 * columns ({@code Account.External_Shopify_Account_ID__c}, Bulk API 2.0's "Relationship Fields in a Header Row"), so
 * one job per object can upsert Accounts, then Contacts, then Opportunities. The columns are known before the first
 * row: every field the mapping can write.
 */
public final class BulkRows {

    /** A multi-currency org's currency field, on the Opportunity and on price book entries. */
    public static final String CURRENCY = "CurrencyIsoCode";

    /**
     * An object's rows: the table's name (its files and its parts in the checkpoint; the object's name unless one
     * object has two tables), the object, its external id field, its columns, and whether its rows are inserted
     * rather than upserted by the external id (an object with create-only fields, PricebookEntry).
     */
    public record Table(String name, String object, String externalId, List<String> columns, boolean insert) {

        public Table(String object, String externalId, List<String> columns) {
            this(object, object, externalId, columns, false);
        }
    }

    /** One record as a row of its table. */
    public record Row(Table table, String key, Map<String, Object> values) {
    }

    private final MappingSettings mapping;
    private final OrgSchema schema;
    private final Table accounts;
    private final Table contacts;
    private final Table opportunities;

    public BulkRows(MappingSettings mapping, OrderMapping orders, OrgSchema schema) {
        this(mapping, orders, schema, List.of());
    }

    /** {@code opportunityFields}: fields the Opportunity rows carry besides the mapping's (line items: its price book). */
    public BulkRows(MappingSettings mapping, OrderMapping orders, OrgSchema schema, List<String> opportunityFields) {
        this.mapping = mapping;
        this.schema = schema;
        boolean persons = orders.persons().personAccounts();
        Map<String, FieldSet> sets = orders.fieldSets();
        List<String> accountColumns = new ArrayList<>(sets.get("account").fields().keySet());
        if (persons) { // a person Account: the renamed Contact fields, its record type; the anonymous one keeps Name
            accountColumns.addAll(orders.personFieldSet().fields().keySet());
            accountColumns.add("RecordTypeId");
        }
        this.accounts = table(mapping.account().object(), mapping.account().externalId(), accountColumns, List.of());
        List<String> contactLinks = new ArrayList<>();
        if (LookupFields.configured(mapping.contact().account())) {
            contactLinks.add(link(mapping.contact().account(), mapping.account().externalId()));
        }
        this.contacts = persons ? null : table(mapping.contact().object(), mapping.contact().externalId(),
                List.copyOf(sets.get("contact").fields().keySet()), contactLinks);
        List<String> opportunityColumns = new ArrayList<>(sets.get("opportunity").fields().keySet());
        opportunityColumns.add(mapping.opportunity().shopifyUpdatedAt());
        opportunityColumns.addAll(opportunityFields);
        List<String> opportunityLinks = new ArrayList<>();
        if (LookupFields.configured(mapping.opportunity().account())) {
            opportunityLinks.add(link(mapping.opportunity().account(), mapping.account().externalId()));
        }
        if (!persons && LookupFields.configured(mapping.opportunity().contact())) {
            opportunityLinks.add(link(mapping.opportunity().contact(), mapping.contact().externalId()));
        }
        this.opportunities = table(mapping.opportunity().object(), mapping.opportunity().externalId(), opportunityColumns,
                opportunityLinks);
    }

    /** The tables in the order their jobs must run: parents first. */
    public List<Table> tables() {
        return contacts == null ? List.of(accounts, opportunities) : List.of(accounts, contacts, opportunities);
    }

    /** The order's rows: its Account, its Contact when it has one, its Opportunity. */
    public List<Row> rows(OrderUpserts order) {
        List<Row> rows = new ArrayList<>(3);
        rows.add(row(accounts, order.account(), Map.of()));
        order.contact().filter(c -> contacts != null).ifPresent(c -> rows.add(row(contacts, c,
                links(mapping.contact().account(), order.account()))));
        Map<String, Object> links = new LinkedHashMap<>(links(mapping.opportunity().account(), order.account()));
        order.contact().filter(c -> contacts != null)
                .ifPresent(c -> links.putAll(links(mapping.opportunity().contact(), c)));
        rows.add(row(opportunities, order.opportunity(), links));
        return rows;
    }

    private Row row(Table table, Upsert upsert, Map<String, Object> links) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(table.externalId(), upsert.externalId());
        values.putAll(FieldFit.fit(upsert.fields(), schema.fields(upsert.sObject())));
        values.putAll(links);
        return new Row(table, upsert.externalId(), values);
    }

    private static Map<String, Object> links(String lookupField, Upsert parent) {
        if (!LookupFields.configured(lookupField)) {
            return Map.of();
        }
        return Map.of(link(lookupField, parent.externalIdField()), parent.externalId());
    }

    static String link(String lookupField, String parentExternalId) {
        return LookupFields.relationship(lookupField) + "." + parentExternalId;
    }

    static Table table(String object, String externalId, List<String> fields, List<String> links) {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(externalId);
        columns.addAll(fields);
        columns.addAll(links);
        return new Table(object, externalId, List.copyOf(columns));
    }
}

package io.storelink.backfill.salesforce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.OrderLines;
import io.storelink.lineitems.PriceBooks;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.SalesforceField;

/**
 * An order's lines as Bulk API 2.0 rows, the records the live lines call writes (io.storelink.lineitems): Product2
 * upserted by variant, a PricebookEntry in the Standard Price Book, one in the custom price book when one is
 * configured (Salesforce refuses a custom price before the standard one, so its table comes after), and the
 * OpportunityLineItem upserted by line, naming its Opportunity and its entry by external id in relationship columns.
 * <p>
 * Entries are inserted, as the live path creates them: Pricebook2Id and Product2Id are create-only, so an upsert
 * that found the entry would send fields it may not update. Each entry is a row once per run (the first line's list
 * price, as live); an entry Salesforce has already answers DUPLICATE_VALUE, which means "already there"
 * ({@link IngestJobs#refused}).
 */
public final class LineRows {

    private final LineItemSettings settings;
    private final PriceBooks.Ids books;
    private final boolean multiCurrency;
    private final Map<String, SalesforceField> productFields;
    private final Map<String, SalesforceField> lineFields;
    private final BulkRows.Table products;
    private final BulkRows.Table standard;
    private final BulkRows.Table custom;
    private final BulkRows.Table lines;
    private final String opportunityColumn;
    private final String entryColumn;
    private final Set<String> entries = new HashSet<>();

    /**
     * {@code productColumns} and {@code lineColumns}: the fields the mapping can write; {@code productFields} and
     * {@code lineFields}: the org's fields, to fit values to.
     */
    public LineRows(LineItemSettings settings, String opportunityKey, PriceBooks.Ids books, boolean multiCurrency,
            List<String> productColumns, Map<String, SalesforceField> productFields, List<String> lineColumns,
            Map<String, SalesforceField> lineFields) {
        this.settings = settings;
        this.books = books;
        this.multiCurrency = multiCurrency;
        this.productFields = productFields;
        this.lineFields = lineFields;
        this.products = BulkRows.table(settings.product().object(), settings.product().externalId(), productColumns, List.of());
        this.standard = entryTable("-standard", false);
        this.custom = books.custom() ? entryTable("-custom", true) : null;
        this.opportunityColumn = "Opportunity." + opportunityKey;
        this.entryColumn = settings.priceBookEntry().object() + "." + settings.priceBookEntry().externalId();
        this.lines = BulkRows.table(settings.lineItem().object(), settings.lineItem().externalId(), lineColumns,
                List.of(opportunityColumn, entryColumn));
    }

    private BulkRows.Table entryTable(String suffix, boolean customBook) {
        LineItemSettings.EntryFields e = settings.priceBookEntry();
        List<String> columns = new ArrayList<>(List.of("Pricebook2Id", "UnitPrice", "IsActive"));
        if (customBook) {
            columns.add("UseStandardPrice");
        }
        if (multiCurrency) {
            columns.add(BulkRows.CURRENCY);
        }
        BulkRows.Table t = BulkRows.table(e.object(), e.externalId(), columns,
                List.of(settings.product().object() + "." + settings.product().externalId()));
        return new BulkRows.Table(e.object() + suffix, t.object(), t.externalId(), t.columns(), true);
    }

    /** In job order: products, standard prices, custom prices (with a custom price book), lines. */
    public List<BulkRows.Table> tables() {
        return custom == null ? List.of(products, standard, lines) : List.of(products, standard, custom, lines);
    }

    /** The table whose rows stream (one per line); the others are kept once per key for the run. */
    public BulkRows.Table lines() {
        return lines;
    }

    /** The order's rows: per line its product, its entries the first time this run sees them, the line itself. */
    public List<BulkRows.Row> rows(OrderLines order) {
        List<BulkRows.Row> rows = new ArrayList<>();
        for (OrderLines.Line l : order.lines()) {
            Map<String, Object> product = new LinkedHashMap<>();
            product.put(products.externalId(), l.variantKey());
            product.putAll(FieldFit.fit(l.productFields(), productFields));
            rows.add(new BulkRows.Row(products, l.variantKey(), product));
            entry(rows, standard, books.standard(), order, l);
            if (custom != null) {
                entry(rows, custom, books.book(), order, l);
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put(lines.externalId(), l.lineKey());
            line.putAll(FieldFit.fit(l.lineFields(), lineFields));
            line.put(opportunityColumn, order.orderKey());
            line.put(entryColumn, key(books.book(), order, l));
            rows.add(new BulkRows.Row(lines, l.lineKey(), line));
        }
        return rows;
    }

    private void entry(List<BulkRows.Row> rows, BulkRows.Table table, String book, OrderLines order, OrderLines.Line l) {
        String key = key(book, order, l);
        if (!entries.add(key)) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(table.externalId(), key);
        entry.put("Pricebook2Id", book);
        entry.put(settings.product().object() + "." + settings.product().externalId(), l.variantKey());
        entry.put("UnitPrice", l.listPrice() == null ? BigDecimal.ZERO : l.listPrice());
        entry.put("IsActive", true);
        if (table == custom) {
            entry.put("UseStandardPrice", false);
        }
        if (multiCurrency && order.currency() != null) {
            entry.put(BulkRows.CURRENCY, order.currency());
        }
        rows.add(new BulkRows.Row(table, key, entry));
    }

    private String key(String book, OrderLines order, OrderLines.Line l) {
        return PriceBooks.entryKey(book, l.variantKey(), order.currency(), multiCurrency);
    }
}

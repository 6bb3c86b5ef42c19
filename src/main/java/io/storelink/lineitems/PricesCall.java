package io.storelink.lineitems;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.storelink.salesforce.schema.FieldFit;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;

/**
 * The first composite of a lines call: the Opportunities' present lines (one SOQL query), the products (Product2
 * upserts by variant), and their prices: a PricebookEntry in the Standard Price Book, then, for a custom price book,
 * one there (Salesforce refuses a custom price before the standard one: STANDARD_PRICE_NOT_DEFINED). At most the
 * five queries or collections a composite may hold (four with the Standard Price Book); a call carries at most 200
 * lines, so each collection stays within its 200 records.
 * <p>
 * Entries are created, never updated: PricebookEntry's Pricebook2Id and Product2Id can be set only on create (Object
 * Reference: Create, no Update), so an upsert that finds the entry would send fields it may not update (UNCONFIRMED
 * whether Salesforce refuses or ignores them; not sending them is right either way). An entry that exists answers
 * DUPLICATE_VALUE (on its unique external id, or Salesforce's one entry per price book, product and currency), which
 * here means "already there". Its list price stays the first one seen; each line carries
 * its own unit price. Last, the entries of the lines' price book are read back by product (one query): a line names
 * its entry by Id, so an entry the org had before (made by hand, without the external id; Salesforce keeps one
 * entry per price book, product and currency) serves too.
 */
final class PricesCall {

    /** A line of an Opportunity in Salesforce: its Id and its key (null for a line not made by Storelink). */
    record Present(String id, String lineKey) {
    }

    /** What the call found: the Opportunities' lines by order key, the entries' Ids by entry key. */
    record Found(Map<String, List<Present>> present, Map<String, String> entries) {
    }

    /** Variant keys longer than this are left out of the entries query (URLs stay short): found by external id. */
    private static final int QUERIED_KEY_LENGTH = 40;

    private final LineContext c;
    private final List<Slice> slices;
    private final List<String> kinds = new ArrayList<>();
    private final Map<String, Integer> products = new LinkedHashMap<>();
    private final Map<String, Integer> standard = new LinkedHashMap<>();
    private final Map<String, Integer> custom = new LinkedHashMap<>();
    final SObjectComposite composite;

    PricesCall(LineContext c, List<Slice> slices) {
        this.c = c;
        this.slices = slices;
        this.composite = new SObjectComposite(c.apiVersion(), false);
        build();
    }

    Set<String> orderKeys() {
        return slices.stream().map(Slice::orderKey).collect(Collectors.toSet());
    }

    private void build() {
        String soql = "SELECT Id, " + c.settings().lineItem().externalId() + ", Opportunity." + c.opportunityKey()
                + " FROM " + c.settings().lineItem().object() + " WHERE Opportunity." + c.opportunityKey() + " IN ("
                + slices.stream().map(s -> "'" + PriceBooks.soqlText(s.orderKey()) + "'").distinct().collect(Collectors.joining(","))
                + ")";
        // encoded here: camel-salesforce puts the SOQL into the URL as it is
        composite.addGeneric(SObjectComposite.Method.GET, "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), "presentLines");
        kinds.add("query");
        List<Map<String, Object>> productRecords = new ArrayList<>();
        List<Map<String, Object>> standardRecords = new ArrayList<>();
        List<Map<String, Object>> customRecords = new ArrayList<>();
        for (Slice s : slices) {
            for (OrderLines.Line l : s.lines()) {
                Map<String, Object> product = new LinkedHashMap<>();
                product.put("attributes", Map.of("type", c.settings().product().object()));
                product.put(c.settings().product().externalId(), l.variantKey());
                product.putAll(FieldFit.fit(l.productFields(), c.productFields()));
                Integer at = products.get(l.variantKey());
                if (at == null) {
                    products.put(l.variantKey(), productRecords.size());
                    productRecords.add(product);
                } else {
                    productRecords.set(at, product); // the latest line's data, as for Accounts
                }
                entry(standard, standardRecords, c.priceBooks().standard(), s.order(), l, false);
                if (c.priceBooks().custom()) {
                    entry(custom, customRecords, c.priceBooks().book(), s.order(), l, true);
                }
            }
        }
        add("products", "PATCH", "/composite/sobjects/" + c.settings().product().object() + "/" + c.settings().product().externalId(), productRecords);
        add("standardPrices", "POST", "/composite/sobjects", standardRecords);
        add("bookPrices", "POST", "/composite/sobjects", customRecords);
        String variants = products.keySet().stream().filter(k -> k.length() <= QUERIED_KEY_LENGTH)
                .map(k -> "'" + PriceBooks.soqlText(k) + "'").collect(Collectors.joining(","));
        if (!variants.isEmpty()) {
            String entries = "SELECT Id, Product2." + c.settings().product().externalId()
                    + (c.multiCurrency() ? ", " + LineContext.CURRENCY : "") + " FROM " + c.settings().priceBookEntry().object()
                    + " WHERE Pricebook2Id = '" + c.priceBooks().book() + "' AND Product2." + c.settings().product().externalId()
                    + " IN (" + variants + ")";
            composite.addGeneric(SObjectComposite.Method.GET, "/query/?q=" + URLEncoder.encode(entries, StandardCharsets.UTF_8), "entries");
            kinds.add("entries");
        }
    }

    private void entry(Map<String, Integer> index, List<Map<String, Object>> records, String priceBook, OrderLines order,
            OrderLines.Line l, boolean customBook) {
        String key = c.entryKey(priceBook, l.variantKey(), order.currency());
        if (index.containsKey(key)) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("attributes", Map.of("type", c.settings().priceBookEntry().object()));
        entry.put(c.settings().priceBookEntry().externalId(), key);
        entry.put("Pricebook2Id", priceBook);
        entry.put("Product2", Map.of(c.settings().product().externalId(), l.variantKey()));
        entry.put("UnitPrice", l.listPrice() == null ? java.math.BigDecimal.ZERO : l.listPrice());
        entry.put("IsActive", true);
        if (customBook) {
            entry.put("UseStandardPrice", false);
        }
        if (c.multiCurrency() && order.currency() != null) {
            entry.put(LineContext.CURRENCY, order.currency());
        }
        index.put(key, records.size());
        records.add(entry);
    }

    private void add(String kind, String method, String url, List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        composite.addGeneric(SObjectComposite.Method.valueOf(method), url, body, kind);
        kinds.add(kind);
    }

    /** What the call found; per order, the first failure of its products or prices. */
    Found read(List<SObjectCompositeResult> results, Map<String, SalesforceException> failures) throws SalesforceException {
        Map<String, List<Present>> present = new HashMap<>();
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            SObjectCompositeResult result = results.get(i);
            switch (kinds.get(i)) {
                case "query" -> present = present(result);
                case "entries" -> entries = entries(result);
                case "products" -> blame(RecordResults.of(result, "Product2 upserts"), products, failures, (s, l) -> l.variantKey());
                case "standardPrices" -> blame(RecordResults.of(result, "standard price book entries"), standard, failures,
                        (s, l) -> c.entryKey(c.priceBooks().standard(), l.variantKey(), s.order().currency()));
                default -> blame(RecordResults.of(result, "price book entries"), custom, failures,
                        (s, l) -> c.entryKey(c.priceBooks().book(), l.variantKey(), s.order().currency()));
            }
        }
        return new Found(present, entries);
    }

    /** A refused product or price fails every order with a line of it; an entry already there is fine. */
    private void blame(RecordResults results, Map<String, Integer> index, Map<String, SalesforceException> failures,
            java.util.function.BiFunction<Slice, OrderLines.Line, String> keyOf) {
        for (Slice s : slices) {
            for (OrderLines.Line l : s.lines()) {
                SalesforceException f = results.failure(index.get(keyOf.apply(s, l)), "DUPLICATE_VALUE");
                if (f != null) {
                    failures.putIfAbsent(s.orderKey(), f);
                }
            }
        }
    }

    /** The entries of the lines' price book by entry key. */
    private Map<String, String> entries(SObjectCompositeResult result) throws SalesforceException {
        RecordResults.refusedAsAWhole(result, "query of the price book entries");
        Map<String, String> ids = new HashMap<>();
        for (Object o : records(result)) {
            if (o instanceof Map<?, ?> r && r.get("Product2") instanceof Map<?, ?> product) {
                Object currency = r.get(LineContext.CURRENCY);
                ids.put(c.entryKey(c.priceBooks().book(), String.valueOf(product.get(c.settings().product().externalId())),
                        currency == null ? null : currency.toString()), String.valueOf(r.get("Id")));
            }
        }
        return ids;
    }

    private static List<?> records(SObjectCompositeResult result) {
        return result.getBody() instanceof Map<?, ?> body && body.get("records") instanceof List<?> records ? records : List.of();
    }

    private Map<String, List<Present>> present(SObjectCompositeResult result) throws SalesforceException {
        RecordResults.refusedAsAWhole(result, "query of the Opportunities' line items");
        Map<String, List<Present>> present = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        // one page (2,000 rows) holds the lines of the call's orders: a call carries at most 200 of their lines
        for (Object o : records(result)) {
            if (o instanceof Map<?, ?> r && r.get("Opportunity") instanceof Map<?, ?> opp && seen.add(String.valueOf(r.get("Id")))) {
                Object key = r.get(c.settings().lineItem().externalId());
                present.computeIfAbsent(String.valueOf(opp.get(c.opportunityKey())), k -> new ArrayList<>())
                        .add(new Present(String.valueOf(r.get("Id")), key == null ? null : key.toString()));
            }
        }
        return present;
    }
}

package io.storelink.lineitems;

import static io.storelink.lineitems.LineItemMappingTest.JSON;
import static io.storelink.lineitems.LineItemMappingTest.line;
import static io.storelink.lineitems.LineItemMappingTest.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.TestSettings;
import io.storelink.mapping.Upsert;
import io.storelink.shopify.model.ShopifyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.junit.jupiter.api.Test;

/**
 * The lines calls the writer sends, without Salesforce: how orders are cut into runs within Salesforce's limits
 * (5 queries or collections a composite, 200 records a collection), what each composite carries, and how answers
 * are read per order.
 */
class LineItemsRunTest {

    private static final String STANDARD = "01s000000000001AAA";
    private static final String WHOLESALE = "01s000000000002AAA";
    private static final String VERSION = "Shopify_Updated_At__c";

    @Test
    void anOrderOfAHundredLinesIsOneRunOfTwoComposites() {
        LineItemsRun run = single(lines(100), "");
        SObjectComposite prices = run.next(Set.of("5001"));
        assertThat(urls(prices)).containsExactly("query", "/composite/sobjects/Product2/External_Shopify_Variant_ID__c",
                "/composite/sobjects", "query");
        assertThat(records(prices, 1)).hasSize(100);
        assertThat(records(prices, 2)).hasSize(100).allSatisfy(e -> assertThat(e)
                .containsEntry("Pricebook2Id", STANDARD).doesNotContainKey("UseStandardPrice").doesNotContainKey("CurrencyIsoCode"));
        assertThat(queries(prices).get(0)).contains("FROM+OpportunityLineItem").contains("%275001%27");
        assertThat(queries(prices).get(1)).as("the entries read back by product").contains("FROM+PricebookEntry")
                .contains("Pricebook2Id+%3D+%27" + STANDARD).contains("%27101%27").contains("%27200%27");
    }

    @Test
    void aCustomPriceBookGetsTheStandardPriceFirstInTheSameComposite() {
        SObjectComposite prices = single(lines(3), "Wholesale").next(Set.of("5001"));
        assertThat(requests(prices)).hasSize(5); // the 5 queries or collections a composite may hold
        assertThat(queries(prices).get(1)).contains("Pricebook2Id+%3D+%27" + WHOLESALE);
        assertThat(records(prices, 2)).allSatisfy(e -> assertThat(e).containsEntry("Pricebook2Id", STANDARD));
        assertThat(records(prices, 3)).allSatisfy(e -> assertThat(e).containsEntry("Pricebook2Id", WHOLESALE)
                .containsEntry("UseStandardPrice", false));
    }

    @Test
    void newLinesNameTheirParentsLinesThereDoNotAndLinesNoLongerOrderedAreDeletedBeforeTheVersion() throws Exception {
        LineItemsRun run = single(order(line(1, 101, 1, "5.00"), line(2, 102, 1, "6.00")), "");
        run.next(Set.of("5001"));
        LineItemsRun.Answer prices = run.answered(response(
                query(present("00k000000000001AAA", "1"), present("00k000000000009AAA", "9"), present("00k00000000000XAAA", null)),
                saved(2), saved(2), query(entry("01u000000000102AAA", "102"))));
        assertThat(prices.more()).isTrue();
        assertThat(prices.failures()).isEmpty();

        SObjectComposite lines = run.next(Set.of("5001"));
        assertThat(urls(lines)).containsExactly("/composite/sobjects/OpportunityLineItem/External_Shopify_Line_Item_ID__c",
                "/composite/sobjects?allOrNone=false&ids=00k000000000009AAA,00k00000000000XAAA",
                "/composite/sobjects/Opportunity/External_Shopify_Order_ID__c");
        List<Map<String, Object>> records = records(lines, 0);
        assertThat(records.get(0)).as("there: create-only lookups left out").doesNotContainKeys("Opportunity", "PricebookEntry");
        assertThat(records.get(1)).containsEntry("Opportunity", Map.of("External_Shopify_Order_ID__c", "5001"))
                .as("by the Id read back").containsEntry("PricebookEntryId", "01u000000000102AAA");
        assertThat(records(lines, 2)).singleElement().satisfies(v -> assertThat(v).containsEntry(VERSION, "2026-12-01T10:00:00+01:00"));

        LineItemsRun.Answer done = run.answered(response(saved(2), saved(2), saved(1)));
        assertThat(done.more()).isFalse();
        assertThat(done.finished()).containsExactly("5001");
    }

    @Test
    void aRefusedProductFailsItsOrderAnEntryAlreadyThereDoesNot() throws Exception {
        LineItemsRun run = single(lines(2), "");
        run.next(Set.of("5001"));
        List<Object> entries = new ArrayList<>(saved(1));
        entries.add(refused("DUPLICATE_VALUE"));
        LineItemsRun.Answer fine = run.answered(response(query(), saved(2), entries, query()));
        assertThat(fine.failures()).isEmpty();

        run.restart();
        run.next(Set.of("5001"));
        List<Object> products = new ArrayList<>(saved(1));
        products.add(refused("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
        LineItemsRun.Answer refused = run.answered(response(query(), products, saved(2), query()));
        assertThat(refused.failures()).containsOnlyKeys("5001");
        assertThat(refused.more()).as("nothing left to write").isFalse();
        assertThat(refused.finished()).isEmpty();
    }

    @Test
    void ordersAreCutIntoRunsOfAtMost200LinesAndAnOrderOverMoreRunsFinishesInItsLast() {
        List<LineItems.Order> orders = new ArrayList<>();
        orders.add(written(5001, lines(250)));
        for (int i = 0; i < 300; i++) {
            orders.add(written(6000 + i, order(line(10_000 + i, 20_000 + i, 1, "1.00"))));
        }
        List<LineItemsRun> runs = lineItems("").plan(orders).runs();
        // 250 + 300 lines: 200 | 50 + 150 | 150
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).orderKeys()).containsExactly("5001");
        assertThat(runs.get(1).orderKeys()).contains("5001").hasSize(151);
        assertThat(runs.get(2).orderKeys()).hasSize(150);
        SObjectComposite first = runs.get(0).next(Set.of("5001"));
        assertThat(records(first, 1)).hasSize(200);
    }

    // ---- orders ----

    private LineItemsRun single(ObjectNode order, String priceBook) {
        List<LineItemsRun> runs = lineItems(priceBook).plan(List.of(written(5001, order))).runs();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static LineItems lineItems(String priceBook) {
        LineItemSettings settings = TestSettings.lineItems(priceBook);
        PriceBooks books = new PriceBooks(settings, TestSettings.camel());
        books.use(new PriceBooks.Ids(STANDARD, priceBook.isEmpty() ? STANDARD : WHOLESALE));
        return new LineItems(settings, TestSettings.mapping(), new LineItemMapping(settings, TestSettings.camel()), books,
                TestSettings.orgSchema(), TestSettings.salesforce());
    }

    private static LineItems.Order written(long id, ObjectNode payload) {
        payload.put("id", id);
        try {
            ShopifyOrder order = JSON.treeToValue(payload, ShopifyOrder.class);
            return new LineItems.Order(order, payload, new Upsert("Opportunity", "External_Shopify_Order_ID__c",
                    Long.toString(id), Map.of(VERSION, "2026-12-01T10:00:00+01:00")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode lines(int n) {
        ObjectNode order = order();
        for (int i = 1; i <= n; i++) {
            order.withArray("line_items").add(line(i, 100 + i, 1, "2.50"));
        }
        return order;
    }

    // ---- composites and answers ----

    /** The composite's subrequests as Salesforce receives them. */
    private static List<JsonNode> requests(SObjectComposite composite) {
        List<JsonNode> requests = new ArrayList<>();
        JSON.valueToTree(composite).path("compositeRequest").forEach(requests::add);
        return requests;
    }

    private static List<String> urls(SObjectComposite composite) {
        return requests(composite).stream().map(r -> r.path("url").asText())
                .map(u -> u.contains("/query/") ? "query" : u.substring(u.indexOf("/composite/"))).toList();
    }

    private static List<String> queries(SObjectComposite composite) {
        return requests(composite).stream().map(r -> r.path("url").asText()).filter(u -> u.contains("/query/")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(SObjectComposite composite, int request) {
        return JSON.convertValue(requests(composite).get(request).at("/body/records"), List.class);
    }

    private static SObjectCompositeResponse response(Object... bodies) {
        List<SObjectCompositeResult> results = new ArrayList<>();
        for (Object body : bodies) {
            results.add(new SObjectCompositeResult(body, Map.of(), 200, null));
        }
        return new SObjectCompositeResponse(results);
    }

    @SafeVarargs
    private static Map<String, Object> query(Map<String, Object>... records) {
        return Map.of("totalSize", records.length, "done", true, "records", List.of(records));
    }

    private static Map<String, Object> present(String id, String key) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("attributes", Map.of("type", "OpportunityLineItem"));
        r.put("Id", id);
        r.put("External_Shopify_Line_Item_ID__c", key);
        r.put("Opportunity", Map.of("External_Shopify_Order_ID__c", "5001"));
        return r;
    }

    private static Map<String, Object> entry(String id, String variant) {
        return Map.of("attributes", Map.of("type", "PricebookEntry"), "Id", id,
                "Product2", Map.of("External_Shopify_Variant_ID__c", variant));
    }

    private static List<Object> saved(int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("id", "x" + i, "success", true, "errors", List.of()));
        }
        return out;
    }

    private static Map<String, Object> refused(String code) {
        return Map.of("success", false, "errors", List.of(Map.of("statusCode", code, "message", "no", "fields", List.of())));
    }
}

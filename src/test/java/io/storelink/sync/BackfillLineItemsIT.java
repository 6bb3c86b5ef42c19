package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.run.BackfillCheckpoint;
import io.storelink.backfill.run.BackfillCheckpoints;
import io.storelink.backfill.run.BackfillRun;
import io.storelink.fakes.shopify.OrderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A backfill with line items on: the orders' lines come with the Shopify bulk query and go to Salesforce as three
 * more kinds of ingest jobs after the Opportunities' (Product2, the Standard Price Book's PricebookEntry, then
 * OpportunityLineItem), into the Salesforce fake, which keeps Salesforce's product rules.
 */
@TestPropertySource(properties = {"storelink.mapping.line-items.enabled=true", "storelink.backfill.shopify.poll-interval=50ms",
        "storelink.backfill.salesforce.job-poll-interval=50"})
class BackfillLineItemsIT extends BridgeTestSupport {

    private static final Instant YEAR = Instant.parse("2008-03-01T00:00:00Z"); // no other test's orders are that old
    private static final String UNTIL = "2009-01-01T00:00:00Z";
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    BackfillRun run;

    @Autowired
    BackfillCheckpoints checkpoints;

    @Test
    void aYearOfOrdersBringsEachVariantsProductAndPriceOnceAndEveryLineOnItsOpportunityAndAgainNothingTwice() throws Exception {
        OrderFactory history = new OrderFactory(2008, YEAR);
        long[] variants = {variant(), variant(), variant()};
        List<ObjectNode> orders = new ArrayList<>();
        orders.add(withLines(history.companyOrder(), line(variants[0], 2, "12.50"), line(variants[1], 1, "4.00")));
        orders.add(withLines(history.companyOrder(), line(variants[0], 3, "12.50"), line(variants[2], 1, "30.00")));
        ObjectNode takenOff = line(variants[2], 1, "30.00").put("current_quantity", 0); // an edit took it off
        orders.add(withLines(history.companyOrder(), line(variants[1], 4, "4.00"), takenOff));
        orders.add(withLines(history.orderForCustomer(orders.get(0)), line(variants[0], 1, "11.00")));
        orders.forEach(SHOPIFY_ADMIN::putOrder);
        long calls = SALESFORCE.apiCalls();
        long queries = restQueries();

        BackfillRun.Outcome first = BackfillRuns.backfill(run, YEAR, UNTIL, false);

        assertThat(first.succeeded()).as(first.summary()).isTrue();
        long spent = SALESFORCE.apiCalls() - calls;
        String standard = SALESFORCE.standardPriceBookId();
        for (ObjectNode order : orders) {
            Map<String, Object> opportunity = opportunity(order);
            assertThat(opportunity).containsEntry("Pricebook2Id", standard);
            for (JsonNode l : order.get("line_items")) {
                if (l == takenOff) {
                    continue;
                }
                Map<String, Object> line = line(l);
                assertThat(line).containsEntry("OpportunityId", opportunity.get("Id"));
                assertThat(new BigDecimal(line.get("Quantity").toString())).isEqualByComparingTo(l.get("quantity").asText());
                assertThat(new BigDecimal(line.get("UnitPrice").toString())).isEqualByComparingTo(l.get("price").asText());
                Map<String, Object> entry = SALESFORCE.find("PricebookEntry", "Id", line.get("PricebookEntryId")).orElseThrow();
                assertThat(entry).containsEntry("Pricebook2Id", standard)
                        .containsEntry("External_Shopify_Price_Key__c", standard + ":" + l.get("variant_id").asText());
                assertThat(SALESFORCE.find("Product2", "Id", entry.get("Product2Id")).orElseThrow())
                        .containsEntry("External_Shopify_Variant_ID__c", l.get("variant_id").asText())
                        .containsEntry("ProductCode", l.get("sku").asText());
            }
        }
        assertThat(SALESFORCE.find("OpportunityLineItem", "External_Shopify_Line_Item_ID__c", takenOff.get("id").asText()))
                .as("a line with nothing left to deliver is not written").isEmpty();
        for (long v : variants) {
            assertThat(products(v)).as("Product2 once per variant").hasSize(1);
            assertThat(entries(v)).as("one standard price per variant").singleElement()
                    .satisfies(e -> assertThat(new BigDecimal(e.get("UnitPrice").toString()))
                            .as("the first line's price, as the live path").isEqualByComparingTo(
                                    v == variants[2] ? "30.00" : v == variants[1] ? "4.00" : "12.50"));
        }
        // what line items add: the price books' query, and three jobs (create, upload, close, a few state reads each)
        BackfillCheckpoint done = checkpoints.last().orElseThrow();
        long lineCalls = restQueries() - queries;
        for (String part : List.of("Product2#0", "PricebookEntry-standard#0", "OpportunityLineItem#0")) {
            lineCalls += 1 + SALESFORCE.apiCalls(done.job(part).orElseThrow().jobId()); // its create has no id yet
        }
        System.out.printf("Backfill of %d orders with %d lines: %d Salesforce API calls, %d of them for the lines%n",
                orders.size(), orders.stream().mapToInt(o -> o.get("line_items").size()).sum(), spent, lineCalls); // README
        assertThat(restQueries() - queries).as("the price books, read once a run").isEqualTo(1);
        assertThat(lineCalls).as("Salesforce API calls for the lines, whatever their number").isLessThanOrEqualTo(19);
        assertThat(spent).as("Salesforce API calls for the whole backfill").isLessThanOrEqualTo(40);

        // the same range again, with an order added since: only it is written; its known variant's price answers
        // DUPLICATE_VALUE, which is "already there", neither a refusal nor a second entry
        List<Object> lineIds = orders.stream().flatMap(o -> lineIdsOf(o).stream()).toList();
        long productCount = SALESFORCE.count("Product2");
        long entryCount = SALESFORCE.count("PricebookEntry");
        ObjectNode later = withLines(history.companyOrder(), line(variants[0], 5, "13.00"));
        SHOPIFY_ADMIN.putOrder(later);

        BackfillRun.Outcome second = BackfillRuns.backfill(run, YEAR, UNTIL, false);

        assertThat(second.succeeded()).as(second.summary()).isTrue();
        assertThat(SALESFORCE.count("Product2")).isEqualTo(productCount);
        assertThat(SALESFORCE.count("PricebookEntry")).isEqualTo(entryCount);
        assertThat(orders.stream().flatMap(o -> lineIdsOf(o).stream()).toList()).as("the lines as they were").isEqualTo(lineIds);
        Map<String, Object> added = line(later.get("line_items").get(0));
        assertThat(added).containsEntry("OpportunityId", opportunity(later).get("Id"));
        assertThat(added.get("PricebookEntryId")).isEqualTo(entries(variants[0]).get(0).get("Id"));
        BackfillCheckpoint.Job prices = checkpoints.last().orElseThrow().job("PricebookEntry-standard#0").orElseThrow();
        assertThat(prices.state()).isEqualTo(BackfillCheckpoint.JobState.DONE);
        assertThat(prices.processed()).isEqualTo(1);
        assertThat(prices.refused()).as("an entry already there is not refused").isZero();
        assertThat(readAll(DEAD_LETTER_TOPIC).stream().filter(r -> orders.stream().anyMatch(o ->
                o.get("id").asText().equals(headers(r).get("storelink-shopify-order-id"))))).isEmpty();
    }

    /** REST queries (the price books'), not the Bulk API's query jobs. */
    private static long restQueries() {
        return SALESFORCE.apiCalls("/query") - SALESFORCE.apiCalls("/jobs/query");
    }

    private static ObjectNode withLines(ObjectNode order, ObjectNode... lines) {
        ArrayNode items = order.putArray("line_items");
        for (ObjectNode l : lines) {
            items.add(l);
        }
        return order;
    }

    private static long variant() {
        return 4_300_000_000_000L + IDS.incrementAndGet();
    }

    private static ObjectNode line(long variant, int quantity, String price) {
        long id = IDS.incrementAndGet();
        return JSON.createObjectNode().put("id", 9_200_000_000_000L + id).put("variant_id", variant)
                .put("product_id", 7_100_000_000L + variant % 1_000_000).put("title", "Tea " + variant).put("variant_title", "250 g")
                .put("name", "Tea " + variant + " - 250 g").put("sku", "TEA-" + variant).put("vendor", "Leaf & Co")
                .put("quantity", quantity).put("current_quantity", quantity).put("price", price)
                .put("total_discount", "0.00");
    }

    private static Map<String, Object> opportunity(ObjectNode order) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText()).orElseThrow();
    }

    private static Map<String, Object> line(JsonNode l) {
        return SALESFORCE.find("OpportunityLineItem", "External_Shopify_Line_Item_ID__c", l.get("id").asText()).orElseThrow();
    }

    private static List<Object> lineIdsOf(ObjectNode order) {
        Object opportunity = opportunity(order).get("Id");
        return SALESFORCE.records("OpportunityLineItem").stream().filter(l -> opportunity.equals(l.get("OpportunityId")))
                .map(l -> l.get("Id")).sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    private static List<Map<String, Object>> products(long variant) {
        return SALESFORCE.records("Product2").stream()
                .filter(p -> Long.toString(variant).equals(String.valueOf(p.get("External_Shopify_Variant_ID__c")))).toList();
    }

    private static List<Map<String, Object>> entries(long variant) {
        Object product = products(variant).get(0).get("Id");
        return SALESFORCE.records("PricebookEntry").stream().filter(e -> product.equals(e.get("Product2Id"))).toList();
    }
}

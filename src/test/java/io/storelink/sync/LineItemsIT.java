package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.deadletter.DeadLetterHeaders;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Line items on (storelink.mapping.line-items.enabled): signed webhooks over HTTP, the embedded broker, the orders
 * writer and camel-salesforce against the Salesforce fake, which keeps Salesforce's product rules (price book
 * entries, standard price first, the Opportunity's price book and currency, create-only lookups).
 */
@TestPropertySource(properties = "storelink.mapping.line-items.enabled=true")
class LineItemsIT extends BridgeTestSupport {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    @BeforeEach
    void writerIdle() {
        awaitWriterIdle();
    }

    @AfterEach
    void singleCurrencyAgain() throws Exception {
        if (SALESFORCE.schema().object("Opportunity").orElseThrow().field("CurrencyIsoCode").isPresent()) {
            SALESFORCE.multiCurrency();
            mappingCheck.recheck();
        }
    }

    @Test
    void linesFollowEditsAndRemovalsAndRepeatedOrReorderedDeliveriesChangeNothing() throws Exception {
        ObjectNode created = withLines(orders.companyOrder(), 3);
        String orderId = created.get("id").asText();
        List<String> keys = lineKeys(created);
        WebhookSender.Delivery create = shopify().prepare("orders/create", OrderFactory.bytes(created));
        deliverAndAwait(create);

        Map<String, Object> opportunity = opportunity(orderId);
        assertThat(opportunity).containsEntry("Pricebook2Id", SALESFORCE.standardPriceBookId())
                .as("the version is written once the lines are").containsKey("Shopify_Updated_At__c");
        assertThat(lines(opportunity)).extracting(l -> l.get("External_Shopify_Line_Item_ID__c")).containsExactlyInAnyOrderElementsOf(keys);
        Map<String, Object> first = line(keys.get(0));
        ObjectNode firstLine = (ObjectNode) created.get("line_items").get(0);
        assertThat(new BigDecimal(first.get("Quantity").toString())).isEqualByComparingTo(firstLine.get("quantity").asText());
        assertThat(new BigDecimal(first.get("UnitPrice").toString())).isEqualByComparingTo(firstLine.get("price").asText());
        Map<String, Object> entry = SALESFORCE.find("PricebookEntry", "Id", first.get("PricebookEntryId")).orElseThrow();
        assertThat(entry).containsEntry("Pricebook2Id", SALESFORCE.standardPriceBookId());
        Map<String, Object> product = SALESFORCE.find("Product2", "Id", entry.get("Product2Id")).orElseThrow();
        assertThat(product).containsEntry("External_Shopify_Variant_ID__c", firstLine.get("variant_id").asText())
                .containsEntry("ProductCode", firstLine.get("sku").asText()).containsEntry("IsActive", true);

        // an edit: line 0 to 5 pieces with a discount, line 1 taken off (current_quantity 0), line 2 gone, a new line
        ObjectNode edited = OrderFactory.updated(created, Duration.ofMinutes(5), o -> {
            ArrayNode items = (ArrayNode) o.get("line_items");
            ((ObjectNode) items.get(0)).put("quantity", 5).put("current_quantity", 5).put("total_discount", "10.00");
            ((ObjectNode) items.get(1)).put("current_quantity", 0);
            items.remove(2);
            items.add(newLine(o.get("currency").asText()));
        });
        String added = edited.get("line_items").get(2).get("id").asText();
        WebhookSender.Delivery update = shopify().prepare("orders/updated", OrderFactory.bytes(edited));
        deliverAndAwait(update);

        List<Map<String, Object>> now = lines(opportunity(orderId));
        assertThat(now).extracting(l -> l.get("External_Shopify_Line_Item_ID__c")).containsExactlyInAnyOrder(keys.get(0), added);
        Map<String, Object> changed = line(keys.get(0));
        assertThat(changed.get("Id")).as("the same line, updated").isEqualTo(first.get("Id"));
        assertThat(new BigDecimal(changed.get("Quantity").toString())).isEqualByComparingTo("5");
        BigDecimal gross = new BigDecimal(firstLine.get("price").asText()).multiply(BigDecimal.valueOf(5));
        assertThat(new BigDecimal(changed.get("Discount").toString()))
                .isEqualByComparingTo(new BigDecimal("1000.00").divide(gross, 2, java.math.RoundingMode.HALF_UP));

        // the same update again, and the older create after it: nothing changes, nothing is duplicated
        long entries = SALESFORCE.count("PricebookEntry");
        long products = SALESFORCE.count("Product2");
        redeliverAndAwait(update);
        redeliverAndAwait(create);
        assertThat(lines(opportunity(orderId))).containsExactlyInAnyOrderElementsOf(now);
        assertThat(SALESFORCE.count("PricebookEntry")).isEqualTo(entries);
        assertThat(SALESFORCE.count("Product2")).isEqualTo(products);
        assertThat(deadLettersOf(orderId)).isZero();
    }

    @Test
    void aProductThatAlreadyHadItsPriceInTheOrgIsSoldAtThatEntry() throws Exception {
        ObjectNode order = withLines(orders.companyOrder(), 1);
        var l = order.get("line_items").get(0);
        // made by hand: no Storelink key on the entry; Salesforce keeps one entry per price book and product
        String product = SALESFORCE.insert("Product2", Map.of("Name", "Tea by hand", "External_Shopify_Variant_ID__c", l.get("variant_id").asText()));
        String entry = SALESFORCE.insert("PricebookEntry", Map.of("Pricebook2Id", SALESFORCE.standardPriceBookId(),
                "Product2Id", product, "UnitPrice", 3, "IsActive", true));

        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(order)));

        assertThat(line(l.get("id").asText())).containsEntry("PricebookEntryId", entry);
        assertThat(deadLettersOf(order.get("id").asText())).isZero();
    }

    @Test
    void anOrderEditReadBackFromShopifyAddsItsLine() throws Exception {
        ObjectNode order = orders.companyOrder();
        SHOPIFY_ADMIN.putOrder(order);
        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(order)));
        OrderFactory.Edit edit = orders.edit(order.get("id").asLong());
        SHOPIFY_ADMIN.editOrder(edit.order());

        deliverAndAwait(shopify().prepare("orders/edited", OrderFactory.bytes(edit.payload()))); // only the edit: read back

        assertThat(lines(opportunity(order.get("id").asText()))).extracting(l -> l.get("External_Shopify_Line_Item_ID__c"))
                .containsExactlyInAnyOrderElementsOf(lineKeys(edit.order()));
        assertThat(edit.order().get("line_items").size()).isGreaterThan(order.get("line_items").size());
    }

    @Test
    void theReconciliationBringsAnEditWhoseWebhookWasDropped() throws Exception {
        SHOPIFY_ADMIN.deleteAllOrders();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ObjectNode created = withLines(orders.companyOrder(), 3);
        String at = now.minusSeconds(120).atOffset(java.time.ZoneOffset.ofHours(1)).toString();
        created.put("created_at", at).put("updated_at", at);
        List<String> keys = lineKeys(created);
        SHOPIFY_ADMIN.putOrder(created);
        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(created)));
        ObjectNode edited = OrderFactory.updated(created, Duration.ofSeconds(60), o -> {
            ((ObjectNode) o.get("line_items").get(0)).put("current_quantity", 0);
            ((ObjectNode) o.get("line_items").get(2)).put("quantity", 7).put("current_quantity", 7);
        });
        SHOPIFY_ADMIN.putOrder(edited); // its orders/updated webhook never came

        camel.createProducerTemplate().requestBody("direct:reconciliation", (Object) null);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lines(opportunity(created.get("id").asText())))
                .extracting(l -> l.get("External_Shopify_Line_Item_ID__c")).containsExactlyInAnyOrder(keys.get(1), keys.get(2)));
        assertThat(new BigDecimal(line(keys.get(2)).get("Quantity").toString())).isEqualByComparingTo("7");
    }

    @Test
    void callsPerOrderWith1And20And100Lines() throws Exception {
        StringBuilder report = new StringBuilder("Salesforce API calls per order with line items:");
        for (int n : new int[] {1, 20, 100}) {
            ObjectNode order = withLines(orders.companyOrder(), n);
            WebhookSender.Delivery create = shopify().prepare("orders/create", OrderFactory.bytes(order));
            long before = SALESFORCE.apiCalls();

            deliverAndAwait(create);

            long calls = SALESFORCE.apiCalls() - before;
            assertThat(lines(opportunity(order.get("id").asText()))).hasSize(n);
            report.append(' ').append(n).append(n == 1 ? " line: " : " lines: ").append(calls).append(',');
            // a version read (the order is older than the partition's assignment), the Account/Contact/Opportunity
            // write, and the lines call's two composites; never one per line
            assertThat(calls).as("calls for an order of %d lines", n).isLessThanOrEqualTo(4);
        }
        System.out.println(report.substring(0, report.length() - 1));
    }

    @Test
    void anEventThatLeavesTheLinesAsTheyWereCostsNoLinesCall() throws Exception {
        ObjectNode created = withLines(orders.companyOrder(), 5);
        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(created)));
        List<Map<String, Object>> lines = lines(opportunity(created.get("id").asText()));

        ObjectNode paid = OrderFactory.updated(created, Duration.ofMinutes(1), o -> o.put("financial_status", "paid"));
        long before = SALESFORCE.apiCalls();
        deliverAndAwait(shopify().prepare("orders/paid", OrderFactory.bytes(paid)));

        assertThat(SALESFORCE.apiCalls() - before).as("the write only: the version is known, the lines are as written").isEqualTo(1);
        assertThat(io.storelink.salesforce.AppliedVersion.parse(opportunity(created.get("id").asText()).get("Shopify_Updated_At__c").toString()))
                .isEqualTo(java.time.OffsetDateTime.parse(paid.get("updated_at").asText()).toInstant());
        assertThat(lines(opportunity(created.get("id").asText()))).containsExactlyInAnyOrderElementsOf(lines);

        ObjectNode edited = OrderFactory.updated(paid, Duration.ofMinutes(1),
                o -> ((ObjectNode) o.get("line_items").get(0)).put("quantity", 9).put("current_quantity", 9));
        before = SALESFORCE.apiCalls();
        deliverAndAwait(shopify().prepare("orders/updated", OrderFactory.bytes(edited)));

        assertThat(SALESFORCE.apiCalls() - before).as("the write and the lines call's two composites").isEqualTo(3);
        assertThat(new BigDecimal(line(created.get("line_items").get(0).get("id").asText()).get("Quantity").toString()))
                .isEqualByComparingTo("9");
    }

    @Test
    void aBurstOfOrdersSharesItsLinesCalls() throws Exception {
        List<ObjectNode> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(withLines(orders.nextOrder(), 20));
        }
        List<WebhookSender.Delivery> deliveries = prepare("orders/create", burst);
        WriterRecords done = WriterRecords.watch(camel, burst.size(),
                deliveries.stream().map(WebhookSender.Delivery::webhookId).collect(java.util.stream.Collectors.toSet()));
        long before = SALESFORCE.apiCalls();

        deliverAll(deliveries, 4);

        assertThat(done.matches(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
        long calls = SALESFORCE.apiCalls() - before;
        assertThat(burst).allSatisfy(o -> assertThat(lines(opportunity(o.get("id").asText()))).hasSize(20));
        System.out.printf("Salesforce API calls for a burst of %d orders of 20 lines: %d (%.2f per order)%n", burst.size(), calls,
                (double) calls / burst.size());
        // the lines of many orders share their runs (200 lines a run); batches depend on how the deliveries arrive
        assertThat(calls).as("calls for the burst").isLessThan(burst.size());
    }

    @Test
    void aMultiCurrencyOrgGetsTheOrdersCurrencyAndACurrencyItLacksIsADeadLetterNotARetry() throws Exception {
        SALESFORCE.multiCurrency("USD", "EUR");
        mappingCheck.recheck(); // describe again: the writer writes CurrencyIsoCode where describe shows it

        ObjectNode euro = withLines(orders.companyOrder(), 2, "EUR");
        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(euro)));

        Map<String, Object> opportunity = opportunity(euro.get("id").asText());
        assertThat(opportunity).containsEntry("CurrencyIsoCode", "EUR");
        assertThat(lines(opportunity)).hasSize(2).allSatisfy(l -> {
            assertThat(l).containsEntry("CurrencyIsoCode", "EUR");
            assertThat(SALESFORCE.find("PricebookEntry", "Id", l.get("PricebookEntryId")).orElseThrow())
                    .containsEntry("CurrencyIsoCode", "EUR");
        });

        ObjectNode yen = withLines(orders.companyOrder(), 1, "JPY");
        long callsBefore = SALESFORCE.apiCalls();
        deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(yen)));

        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", yen.get("id").asText())).isEmpty();
        assertThat(readAll(DEAD_LETTER_TOPIC)).filteredOn(r -> yen.get("id").asText().equals(headers(r).get(DeadLetterHeaders.ORDER_ID)))
                .singleElement().satisfies(r -> assertThat(headers(r)).containsEntry("storelink-error-class", "VALIDATION")
                        .containsEntry("storelink-attempts", "1"));
        assertThat(SALESFORCE.apiCalls() - callsBefore).as("no retries").isLessThanOrEqualTo(2);
    }

    @Test
    void aLineSalesforceRefusesSendsItsOrderToTheDeadLetterTopicWithTheReason() throws Exception {
        ObjectNode order = withLines(orders.companyOrder(), 2);
        ((ObjectNode) order.get("line_items").get(1)).put("sku", "REFUSED-" + IDS.incrementAndGet());
        SALESFORCE.faults().rejectWhere("Product2", "ProductCode", order.get("line_items").get(1).get("sku").asText(),
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Products need a vendor");
        try {
            deliverAndAwait(shopify().prepare("orders/create", OrderFactory.bytes(order)));
        } finally {
            SALESFORCE.faults().clearRejections();
        }
        String orderId = order.get("id").asText();
        assertThat(readAll(DEAD_LETTER_TOPIC)).filteredOn(r -> orderId.equals(headers(r).get(DeadLetterHeaders.ORDER_ID)))
                .singleElement().satisfies(r -> assertThat(headers(r)).containsEntry("storelink-error-class", "VALIDATION")
                        .hasEntrySatisfying("storelink-error-message", m -> assertThat(m).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION")));
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId).orElseThrow())
                .as("not marked as synced: a replay after the fix writes it again").doesNotContainKey("Shopify_Updated_At__c");
    }

    // ---- orders and their lines ----

    private static ObjectNode withLines(ObjectNode order, int n) {
        return withLines(order, n, order.get("currency").asText());
    }

    /** The order with {@code n} lines of distinct new variants, in {@code currency}. */
    private static ObjectNode withLines(ObjectNode order, int n, String currency) {
        order.put("currency", currency).put("presentment_currency", currency);
        ArrayNode items = order.putArray("line_items");
        for (int i = 0; i < n; i++) {
            items.add(newLine(currency));
        }
        return order;
    }

    private static ObjectNode newLine(String currency) {
        long id = IDS.incrementAndGet();
        ObjectNode l = JSON.createObjectNode();
        l.put("id", 9_100_000_000_000L + id).put("variant_id", 4_200_000_000_000L + id).put("product_id", 7_000_000_000L + id)
                .put("title", "Tea " + id).put("variant_title", "250 g").put("name", "Tea " + id + " - 250 g")
                .put("sku", "TEA-" + id).put("vendor", "Leaf & Co").put("quantity", 2).put("current_quantity", 2)
                .put("price", (10 + id % 50) + ".50").put("total_discount", "0.00").putArray("discount_allocations");
        l.put("currency", currency);
        return l;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static List<String> lineKeys(ObjectNode order) {
        List<String> keys = new java.util.ArrayList<>();
        order.get("line_items").forEach(l -> keys.add(l.get("id").asText()));
        return keys;
    }

    // ---- Salesforce ----

    private static Map<String, Object> opportunity(String orderId) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId).orElseThrow();
    }

    private static List<Map<String, Object>> lines(Map<String, Object> opportunity) {
        return SALESFORCE.records("OpportunityLineItem").stream().filter(l -> opportunity.get("Id").equals(l.get("OpportunityId"))).toList();
    }

    private static Map<String, Object> line(String key) {
        return SALESFORCE.find("OpportunityLineItem", "External_Shopify_Line_Item_ID__c", key).orElseThrow();
    }

    private long deadLettersOf(String orderId) {
        return readAll(DEAD_LETTER_TOPIC).stream().filter(r -> orderId.equals(headers(r).get(DeadLetterHeaders.ORDER_ID))).count();
    }

    private void deliverAndAwait(WebhookSender.Delivery delivery) throws Exception {
        send(delivery, d -> shopify().deliver(d));
    }

    private void redeliverAndAwait(WebhookSender.Delivery delivery) throws Exception {
        send(delivery, d -> shopify().redeliver(d));
    }

    private interface Send {
        java.net.http.HttpResponse<String> send(WebhookSender.Delivery d) throws Exception;
    }

    private void send(WebhookSender.Delivery delivery, Send how) throws Exception {
        WriterRecords done = WriterRecords.watch(camel, 1, Set.of(delivery.webhookId()));
        assertThat(how.send(delivery).statusCode()).isEqualTo(200);
        assertThat(done.matches(60, TimeUnit.SECONDS)).as("writer finished").isTrue();
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.Fault;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.SalesforceGate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The error classes of the Salesforce writer against injected Salesforce faults, through real HTTP, the embedded
 * broker, the camel-salesforce client and the Salesforce fake.
 */
class ReliabilityIT extends BridgeTestSupport {

    @Autowired
    SalesforceGate gate;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void quiet() {
        awaitWriterIdle();
    }

    @AfterEach
    void noFaults() {
        SALESFORCE.faults().reset();
        SALESFORCE.faults().clearRejections();
    }

    @Test
    void thousandOrdersLandThrough503sTwoSessionExpiriesAndAnExhaustedAllowance() throws Exception {
        List<ObjectNode> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            payloads.add(orders.nextOrder());
        }
        List<WebhookSender.Delivery> deliveries = prepare("orders/create", payloads);
        long deadLettersBefore = recordsIn(DEAD_LETTER_TOPIC);
        long loginsBefore = SALESFORCE.logins();

        // a batch of orders is one call: 30 % of the calls fail (the writer makes some tens of calls for 1,000 orders)
        SALESFORCE.faults().failRatio(0.30, Fault.SERVER_UNAVAILABLE, 42);
        deliverAll(deliveries.subList(0, 300), 8);
        awaitWritten(payloads.subList(0, 100));
        SALESFORCE.faults().expireSessions();
        deliverAll(deliveries.subList(300, 500), 8);
        SALESFORCE.faults().limitExceeded(true);
        deliverAll(deliveries.subList(500, 700), 8);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(gate::isPaused);
        SALESFORCE.faults().expireSessions();
        SALESFORCE.faults().limitExceeded(false);
        deliverAll(deliveries.subList(700, 1000), 8);

        awaitWritten(payloads);
        Map<String, Long> byOrder = opportunitiesByOrderId();
        assertThat(ids(payloads)).allSatisfy(id -> assertThat(byOrder.get(id)).as("Opportunities of order %s", id).isEqualTo(1L));
        assertThat(recordsIn(DEAD_LETTER_TOPIC)).as("dead letters").isEqualTo(deadLettersBefore);
        assertThat(SALESFORCE.faults().injected(Fault.SERVER_UNAVAILABLE)).isGreaterThan(0);
        assertThat(SALESFORCE.faults().injected(Fault.INVALID_SESSION)).isGreaterThanOrEqualTo(2);
        assertThat(SALESFORCE.logins() - loginsBefore).as("logins renewed by camel-salesforce").isGreaterThanOrEqualTo(2);
        assertThat(SALESFORCE.faults().injected(Fault.REQUEST_LIMIT_EXCEEDED)).isGreaterThan(0);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void validationFailuresAreDeadLetteredWithTheirErrorCodeAndReplayLandsThem() throws Exception {
        List<ObjectNode> payloads = new ArrayList<>();
        Set<String> rejected = new java.util.HashSet<>();
        while (payloads.size() < 500) {
            payloads.add(orders.nextOrder());
        }
        // customers with one order only: a customer's Contact is written once per batch, with its latest order's data
        Map<String, Long> ordersOfCustomer = payloads.stream().filter(o -> o.hasNonNull("customer"))
                .collect(Collectors.groupingBy(o -> o.get("customer").get("id").asText(), Collectors.counting()));
        for (ObjectNode order : payloads) {
            if (rejected.size() < 20 && order.hasNonNull("customer") && ordersOfCustomer.get(order.get("customer").get("id").asText()) == 1) {
                ((ObjectNode) order.get("customer")).put("last_name", "Validation-Reject");
                rejected.add(order.get("id").asText());
            }
        }
        SALESFORCE.faults().rejectWhere("Contact", "LastName", "Validation-Reject", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Last name is on the block list");
        List<WebhookSender.Delivery> deliveries = prepare("orders/create", payloads);
        Set<String> webhookIds = deliveries.stream().map(WebhookSender.Delivery::webhookId).collect(Collectors.toSet());

        deliverAll(deliveries, 8);
        awaitWriterIdle();

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(DEAD_LETTER_TOPIC).stream()
                .filter(r -> webhookIds.contains(headers(r).get("X-Shopify-Webhook-Id"))).toList();
        assertThat(deadLetters).hasSize(20).allSatisfy(r -> assertThat(headers(r))
                .containsEntry("storelink-error-class", "VALIDATION")
                .containsEntry("storelink-error-codes", "FIELD_CUSTOM_VALIDATION_EXCEPTION")
                .containsEntry("storelink-error-fields", "LastName")
                .containsEntry("storelink-attempts", "1")
                .containsKeys("storelink-first-failure", "storelink-last-failure", "storelink-source-offset"));
        assertThat(deadLetters.stream().map(r -> orderId(r.value()))).containsExactlyInAnyOrderElementsOf(rejected);
        Map<String, Long> byOrder = opportunitiesByOrderId();
        assertThat(ids(payloads).stream().filter(byOrder::containsKey)).hasSize(480).doesNotContainAnyElementsOf(rejected);

        SALESFORCE.faults().clearRejections();
        assertThat(admin("POST", "?errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION", basicAuthorization(CONSOLE_USER, "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "?errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION", consoleAuthorization()).statusCode()).isEqualTo(202);
        try {
            awaitWritten(payloads);
        } finally {
            admin("POST", "/stop", consoleAuthorization());
        }
        assertThat(readAll(ORDERS_TOPIC).stream().filter(r -> "1".equals(headers(r).get("storelink-replays"))))
                .filteredOn(r -> webhookIds.contains(headers(r).get("X-Shopify-Webhook-Id")))
                .hasSize(20)
                .allSatisfy(r -> assertThat(headers(r))
                        .containsEntry("storelink-previous-error-codes", "FIELD_CUSTOM_VALIDATION_EXCEPTION")
                        .containsEntry("storelink-attempts", "1"));
    }

    @Test
    void aCallThatGivesUpDeadLettersItsOrdersAndLeavesTheRestForTheNextPoll() throws Exception {
        // one customer's orders: one partition, so one consumer takes them as one batch of up to 300 records
        ObjectNode first = orders.companyOrder();
        List<ObjectNode> payloads = new ArrayList<>(List.of(first));
        while (payloads.size() < 300) {
            payloads.add(orders.orderForCustomer(first));
        }
        List<WebhookSender.Delivery> deliveries = prepare("orders/create", payloads);
        Set<String> webhookIds = deliveries.stream().map(WebhookSender.Delivery::webhookId).collect(Collectors.toSet());
        camel.getRouteController().stopRoute("orders-to-salesforce");
        try {
            deliverAll(deliveries, 8);
            // the first write call fails past its retries (1 attempt + the 5 redeliveries of error-handling.camel.yaml);
            // reads are not affected
            SALESFORCE.faults().failNextContaining(6, Fault.SERVER_UNAVAILABLE, "/composite/sobjects/");
        } finally {
            camel.getRouteController().startRoute("orders-to-salesforce");
        }
        awaitWriterIdle();

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(DEAD_LETTER_TOPIC).stream()
                .filter(r -> webhookIds.contains(headers(r).get("X-Shopify-Webhook-Id"))).toList();
        assertThat(deadLetters).as("the orders of the call that gave up").isNotEmpty().hasSizeLessThanOrEqualTo(200)
                .allSatisfy(r -> assertThat(headers(r)).containsEntry("storelink-error-class", "TRANSIENT")
                        .containsEntry("storelink-error-codes", "SERVER_UNAVAILABLE")
                        .containsEntry("storelink-attempts", "6"));
        Set<String> deadLettered = deadLetters.stream().map(r -> orderId(r.value())).collect(Collectors.toSet());
        Map<String, Long> byOrder = opportunitiesByOrderId();
        // in the order of the partition (the webhooks were delivered by 8 threads)
        List<String> ids = readAll(ORDERS_TOPIC).stream().filter(r -> webhookIds.contains(headers(r).get("X-Shopify-Webhook-Id")))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).map(r -> orderId(r.value())).toList();
        assertThat(ids).hasSize(payloads.size());
        assertThat(ids).as("every order written once or dead-lettered, never both, never neither").allSatisfy(id ->
                assertThat(deadLettered.contains(id) ? byOrder.get(id) : Long.valueOf(1)).isEqualTo(deadLettered.contains(id) ? null : 1L));
        // the partition keeps its order: the dead letters are its first records, what came after them was written
        int lastDeadLetter = ids.stream().filter(deadLettered::contains).mapToInt(ids::indexOf).max().orElseThrow();
        assertThat(ids.subList(0, lastDeadLetter + 1)).allMatch(deadLettered::contains);
        assertThat(ids.size() - deadLettered.size()).as("orders written after the call gave up").isPositive();
    }

    @Test
    void duplicatedAndShuffledDeliveriesEndInTheNewestShopifyState() throws Exception {
        Random random = new Random(7);
        List<WebhookSender.Delivery> deliveries = new ArrayList<>();
        Map<String, ObjectNode> newest = new java.util.HashMap<>();
        WebhookSender sender = shopify();
        for (int i = 0; i < 100; i++) {
            ObjectNode created = orders.nextOrder();
            ObjectNode paid = OrderFactory.updated(created, Duration.ofMinutes(5), o -> o.put("financial_status", "paid"));
            ObjectNode edited = OrderFactory.updated(paid, Duration.ofMinutes(30), o -> o.put("total_price",
                    new BigDecimal(o.get("total_price").asText()).add(new BigDecimal("10.00")).toPlainString()));
            List<ObjectNode> versions = new ArrayList<>(List.of(created, paid, edited));
            if (i % 3 == 0) {
                versions.add(OrderFactory.updated(edited, Duration.ofHours(2),
                        o -> o.put("cancelled_at", o.get("updated_at").asText())));
            }
            String[] topics = {"orders/create", "orders/paid", "orders/updated", "orders/cancelled"};
            for (int v = 0; v < versions.size(); v++) {
                WebhookSender.Delivery d = sender.prepare(topics[v], OrderFactory.bytes(versions.get(v)));
                for (int copies = 2 + random.nextInt(2); copies > 0; copies--) {
                    deliveries.add(d);
                }
            }
            newest.put(created.get("id").asText(), versions.get(versions.size() - 1));
        }
        Collections.shuffle(deliveries, random);

        deliverAll(deliveries, 4);
        awaitWriterIdle();

        Map<String, Long> byOrder = opportunitiesByOrderId();
        newest.forEach((id, order) -> {
            assertThat(byOrder.get(id)).as("Opportunities of order %s", id).isEqualTo(1L);
            Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", id).orElseThrow();
            assertThat(new BigDecimal(opportunity.get("Amount").toString()))
                    .isEqualByComparingTo(order.get("total_price").asText());
            assertThat(opportunity.get("StageName")).isEqualTo(order.hasNonNull("cancelled_at") ? "Closed Lost" : "New Order");
            assertThat(instant(opportunity.get("Shopify_Updated_At__c")))
                    .isEqualTo(OffsetDateTime.parse(order.get("updated_at").asText()).toInstant());
        });
    }

    private void awaitWritten(List<ObjectNode> payloads) {
        List<String> ids = ids(payloads);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> opportunitiesByOrderId().keySet().containsAll(ids));
    }

    private HttpResponse<String> admin(String method, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/admin/dead-letters/replay" + path))
                .header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(List<ObjectNode> payloads) {
        return payloads.stream().map(p -> p.get("id").asText()).toList();
    }

    private static String orderId(byte[] body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Instant instant(Object salesforceDateTime) {
        String s = String.valueOf(salesforceDateTime);
        return OffsetDateTime.parse(s, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }
}

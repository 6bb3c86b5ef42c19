package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Shipment confirmation: fulfillments/create and fulfillments/update webhooks over HTTP, through the embedded broker
 * and the fulfillment writer, into the tracking fields of the order's Opportunity in the Salesforce fake.
 */
class ShipmentConfirmationIT extends BridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final String WRITER = "fulfillments-to-salesforce";

    @BeforeEach
    void writersIdle() {
        awaitWriterIdle();
        awaitFulfillmentWriterIdle();
    }

    @Test
    void trackingFieldsWrittenForFulfilledOrders() throws Exception {
        List<ObjectNode> synced = syncOrders(3);
        String shipped = id(synced.get(0));
        String inTransit = id(synced.get(1));
        String notFulfilled = id(synced.get(2));
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long fulfillmentId = System.nanoTime();

        ObjectNode created = fulfillment(fulfillmentId, shipped, "open", "UPS", List.of("1Z001"), t0);
        ObjectNode updated = fulfillment(fulfillmentId, shipped, "success", "UPS", List.of("1Z001", "1Z002"), t0.plusSeconds(60));
        ObjectNode other = fulfillment(fulfillmentId + 1, inTransit, "open", "DHL Express", List.of("JD0002"), t0);
        WebhookSender.Delivery create = shopify().prepare("fulfillments/create", OrderFactory.bytes(created));
        WebhookSender.Delivery update = shopify().prepare("fulfillments/update", OrderFactory.bytes(updated));
        WebhookSender.Delivery createOther = shopify().prepare("fulfillments/create", OrderFactory.bytes(other));
        NotifyBuilder done = writerDone(3, create, update, createOther);

        assertThat(shopify().deliver(create).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(update).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(createOther).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).as("fulfillment writer finished").isTrue();
        assertThat(opportunity(shipped))
                .containsEntry("Tracking_Company__c", "UPS")
                .containsEntry("Tracking_Number__c", "1Z001, 1Z002")
                .containsEntry("Tracking_URL__c", "https://track.example/1Z001")
                .containsEntry("Fulfillment_Status__c", "success");
        assertThat(instant(opportunity(shipped).get("Tracking_Updated_At__c"))).isEqualTo(t0.plusSeconds(60));
        assertThat(opportunity(inTransit))
                .containsEntry("Tracking_Company__c", "DHL Express")
                .containsEntry("Tracking_Number__c", "JD0002")
                .containsEntry("Fulfillment_Status__c", "open");
        assertThat(opportunity(notFulfilled).get("Tracking_Number__c")).isNull();
        assertThat(opportunity(notFulfilled).get("Fulfillment_Status__c")).isNull();
        // the order's own fields are untouched, and no second Opportunity appeared
        assertThat(opportunity(shipped)).containsEntry("StageName", "New Order");
        assertThat(opportunitiesByOrderId().get(shipped)).isEqualTo(1L);

        // on Kafka before the 200: raw bytes, keyed by the order id, Shopify's headers only
        ConsumerRecord<String, byte[]> record = readAll(FULFILLMENTS_TOPIC).stream()
                .filter(r -> create.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id"))).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(shipped);
        assertThat(record.value()).isEqualTo(create.body());
        assertThat(headers(record)).containsEntry("X-Shopify-Topic", "fulfillments/create")
                .containsEntry("X-Shopify-Shop-Domain", SHOP)
                .doesNotContainKeys("X-Shopify-Hmac-Sha256", "X-Shopify-Order-Id", "User-Agent");
    }

    @Test
    void anOlderUpdateDeliveredLateDoesNotOverwriteAndARedeliveryChangesNothing() throws Exception {
        String orderId = id(syncOrders(1).get(0));
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long fulfillmentId = System.nanoTime();
        WebhookSender.Delivery newer = shopify().prepare("fulfillments/update", OrderFactory.bytes(
                fulfillment(fulfillmentId, orderId, "success", "FedEx", List.of("FX-NEW"), t0.plusSeconds(120))));
        WebhookSender.Delivery older = shopify().prepare("fulfillments/update", OrderFactory.bytes(
                fulfillment(fulfillmentId, orderId, "open", "FedEx", List.of("FX-OLD"), t0.plusSeconds(60))));
        // another fulfillment of the same order, updated before the newest one: the Opportunity shows the newest
        WebhookSender.Delivery otherParcel = shopify().prepare("fulfillments/create", OrderFactory.bytes(
                fulfillment(fulfillmentId + 1, orderId, "open", "USPS", List.of("US-1"), t0.plusSeconds(90))));

        NotifyBuilder first = writerDone(1, newer);
        assertThat(shopify().deliver(newer).statusCode()).isEqualTo(200);
        assertThat(first.matches(30, TimeUnit.SECONDS)).isTrue();
        long compositeCalls = SALESFORCE.apiCalls("/composite");

        NotifyBuilder late = writerDone(3, older, otherParcel, newer);
        assertThat(shopify().deliver(older).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(otherParcel).statusCode()).isEqualTo(200);
        assertThat(shopify().redeliver(newer).statusCode()).isEqualTo(200);
        assertThat(late.matches(30, TimeUnit.SECONDS)).isTrue();

        assertThat(opportunity(orderId))
                .containsEntry("Tracking_Company__c", "FedEx")
                .containsEntry("Tracking_Number__c", "FX-NEW")
                .containsEntry("Fulfillment_Status__c", "success");
        assertThat(instant(opportunity(orderId).get("Tracking_Updated_At__c"))).isEqualTo(t0.plusSeconds(120));
        assertThat(SALESFORCE.apiCalls("/composite") - compositeCalls).as("writes for skipped events").isZero();
    }

    @Test
    void aFulfillmentForAnOrderNotYetInSalesforceLandsOnceTheOrderArrives() throws Exception {
        ObjectNode order = orders.nextOrder();
        String orderId = id(order);
        WebhookSender.Delivery fulfillment = shopify().prepare("fulfillments/create", OrderFactory.bytes(
                fulfillment(System.nanoTime(), orderId, "success", "Royal Mail", List.of("RM123GB"), Instant.now())));
        CountDownLatch retried = new CountDownLatch(1);
        EventNotifierSupport retries = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent r
                        && orderId.equals(r.getExchange().getProperty("shopifyOrderId", String.class))) {
                    retried.countDown();
                }
            }
        };
        camel.getCamelContextExtension().setEventNotificationApplicable(true);
        camel.getManagementStrategy().addEventNotifier(retries);
        retries.start();
        try {
            assertThat(shopify().deliver(fulfillment).statusCode()).isEqualTo(200);
            assertThat(retried.await(20, TimeUnit.SECONDS)).as("the writer retries while the order is missing").isTrue();
            assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId)).isEmpty();

            // the order arrives a little later, within the retry window
            assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(retries);
            retries.stop();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "RM123GB".equals(trackingNumber(orderId)));
        assertThat(opportunity(orderId)).containsEntry("Tracking_Company__c", "Royal Mail")
                .containsEntry("Fulfillment_Status__c", "success");
        awaitFulfillmentWriterIdle();
        assertThat(deadLettersOf(fulfillment)).isEmpty();
    }

    @Test
    void aFulfillmentWhoseOrderNeverArrivesIsDeadLetteredAsTransientNamingTheOrder() throws Exception {
        String orderId = id(orders.nextOrder()); // never delivered
        WebhookSender.Delivery fulfillment = shopify().prepare("fulfillments/update", OrderFactory.bytes(
                fulfillment(System.nanoTime(), orderId, "success", "UPS", List.of("1Z999"), Instant.now())));

        assertThat(shopify().deliver(fulfillment).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !deadLettersOf(fulfillment).isEmpty());
        assertThat(deadLettersOf(fulfillment)).singleElement().satisfies(r -> {
            assertThat(headers(r)).containsEntry("storelink-error-class", "TRANSIENT")
                    .containsEntry("storelink-source-topic", FULFILLMENTS_TOPIC)
                    .containsEntry("storelink-shopify-order-id", orderId)
                    .containsEntry("storelink-attempts", "6"); // the first try and error-handling.camel.yaml's 5 retries
            assertThat(headers(r).get("storelink-error-message"))
                    .contains("Opportunity for Shopify order " + orderId + " not in Salesforce yet");
            assertThat(r.key()).isEqualTo(orderId);
            assertThat(r.value()).isEqualTo(fulfillment.body());
        });
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId)).as("never created").isEmpty();
    }

    @Test
    void aPoisonFulfillmentIsDeadLetteredUnchangedAndTheNextOneIsWritten() throws Exception {
        String orderId = id(syncOrders(1).get(0));
        byte[] poison = "{\"id\":42,\"status\":\"success\",\"tracking_number\":\"no order here\"}".getBytes();
        WebhookSender.Delivery bad = shopify().prepare("fulfillments/create", poison);
        WebhookSender.Delivery good = shopify().prepare("fulfillments/create", OrderFactory.bytes(
                fulfillment(System.nanoTime(), orderId, "success", "PostNL", List.of("3SABC"), Instant.now())));
        NotifyBuilder done = writerDone(2, bad, good);

        assertThat(shopify().deliver(bad).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(good).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(deadLettersOf(bad)).singleElement().satisfies(r -> {
            assertThat(headers(r)).containsEntry("storelink-error-class", "POISON")
                    .containsEntry("storelink-attempts", "1")
                    .containsEntry("storelink-source-topic", FULFILLMENTS_TOPIC);
            assertThat(headers(r).get("storelink-error-message")).contains("no order_id");
            assertThat(r.value()).isEqualTo(poison);
        });
        assertThat(opportunity(orderId)).containsEntry("Tracking_Number__c", "3SABC");
    }

    @Test
    void thePollerWritesTrackingForExactlyTheOrdersFulfilledInShopify() throws Exception {
        SHOPIFY_ADMIN.deleteAllOrders();
        SHOPIFY_ADMIN.bucket(2000, 100);
        SHOPIFY_ADMIN.resetCounters();
        List<ObjectNode> synced = syncOrders(4);
        synced.forEach(SHOPIFY_ADMIN::putOrder);
        String shipped = id(synced.get(0));
        String open = id(synced.get(1));
        Instant at = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // fulfilled in Shopify only: no webhook
        SHOPIFY_ADMIN.fulfill(Long.parseLong(shipped), "UPS", "1ZPOLL0001", "https://ups.example/1ZPOLL0001", "SUCCESS", at);
        SHOPIFY_ADMIN.fulfill(Long.parseLong(open), "DHL Express", "JDPOLL0002", "https://dhl.example/JDPOLL0002", "OPEN",
                at.plusSeconds(1));
        long published = recordsIn(FULFILLMENTS_TOPIC);

        camel.createProducerTemplate().requestBody("direct:shipment-confirmation", (Object) null);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "1ZPOLL0001".equals(trackingNumber(shipped)) && "JDPOLL0002".equals(trackingNumber(open)));
        awaitFulfillmentWriterIdle();
        assertThat(opportunity(shipped))
                .containsEntry("Tracking_Company__c", "UPS")
                .containsEntry("Tracking_URL__c", "https://ups.example/1ZPOLL0001")
                .containsEntry("Fulfillment_Status__c", "success");
        assertThat(instant(opportunity(shipped).get("Tracking_Updated_At__c"))).isEqualTo(at);
        assertThat(opportunity(open)).containsEntry("Tracking_Company__c", "DHL Express")
                .containsEntry("Fulfillment_Status__c", "open");
        for (ObjectNode notFulfilled : synced.subList(2, 4)) {
            assertThat(opportunity(id(notFulfilled))).doesNotContainKeys("Tracking_Number__c", "Fulfillment_Status__c");
        }
        List<ConsumerRecord<String, byte[]>> polled = readAll(FULFILLMENTS_TOPIC).stream()
                .filter(r -> "shipment-confirmation".equals(headers(r).get("storelink-source"))).toList();
        assertThat(polled).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(shipped, open);
        assertThat(polled).allSatisfy(r -> assertThat(headers(r)).containsEntry("X-Shopify-Topic", "fulfillments/update"));
        assertThat(recordsIn(FULFILLMENTS_TOPIC) - published).isEqualTo(2);
        assertThat(SHOPIFY_ADMIN.requests("FulfillmentsUpdatedSince")).isEqualTo(1);

        // the next run re-reads the overlap: Salesforce already shows both, so nothing is published; one query in all
        long calls = SALESFORCE.apiCalls();
        camel.createProducerTemplate().requestBody("direct:shipment-confirmation", (Object) null);
        awaitFulfillmentWriterIdle();
        assertThat(recordsIn(FULFILLMENTS_TOPIC) - published).isEqualTo(2);
        assertThat(SALESFORCE.apiCalls() - calls).as("Salesforce calls of the second run").isEqualTo(1);
        assertThat(SHOPIFY_ADMIN.requests("FulfillmentsUpdatedSince")).isEqualTo(2);
    }

    // ---- helpers ----

    /** Orders delivered as orders/create webhooks and written to Salesforce. */
    List<ObjectNode> syncOrders(int n) throws Exception {
        List<ObjectNode> payloads = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            payloads.add(orders.nextOrder());
        }
        deliverAll(prepare("orders/create", payloads), 2);
        List<String> ids = payloads.stream().map(ShipmentConfirmationIT::id).toList();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> opportunitiesByOrderId().keySet().containsAll(ids));
        return payloads;
    }

    /** A fulfillments/* webhook payload in Shopify's REST shape (see src/test/resources/shopify/fulfillment.json). */
    static ObjectNode fulfillment(long id, String orderId, String status, String company, List<String> numbers, Instant updatedAt) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id);
        f.put("order_id", Long.parseLong(orderId));
        f.put("name", "#" + (id % 10000) + ".1");
        f.put("service", "manual");
        f.put("status", status);
        f.put("tracking_company", company);
        f.put("tracking_number", numbers.isEmpty() ? null : numbers.get(0));
        ArrayNode ns = f.putArray("tracking_numbers");
        ArrayNode urls = f.putArray("tracking_urls");
        numbers.forEach(n -> {
            ns.add(n);
            urls.add("https://track.example/" + n);
        });
        f.put("tracking_url", numbers.isEmpty() ? null : "https://track.example/" + numbers.get(0));
        f.put("created_at", updatedAt.minusSeconds(30).atOffset(java.time.ZoneOffset.ofHours(-4)).toString());
        f.put("updated_at", updatedAt.atOffset(java.time.ZoneOffset.ofHours(-4)).toString());
        f.putArray("line_items");
        return f;
    }

    static String id(ObjectNode order) {
        return order.get("id").asText();
    }

    private static Map<String, Object> opportunity(String orderId) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId).orElseThrow();
    }

    private static String trackingNumber(String orderId) {
        Optional<Map<String, Object>> o = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId);
        return o.map(r -> (String) r.get("Tracking_Number__c")).orElse(null);
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersOf(WebhookSender.Delivery d) {
        return readAll(DEAD_LETTER_TOPIC).stream().filter(r -> d.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id"))).toList();
    }

    /** Completes when the fulfillment writer has finished (written, skipped or dead-lettered) that many of these. */
    private NotifyBuilder writerDone(int exchanges, WebhookSender.Delivery... deliveries) {
        java.util.Set<String> ids = java.util.Arrays.stream(deliveries).map(WebhookSender.Delivery::webhookId)
                .collect(java.util.stream.Collectors.toSet());
        return new NotifyBuilder(camel).fromRoute(WRITER)
                .filter(e -> ids.contains(e.getIn().getHeader("X-Shopify-Webhook-Id", String.class)))
                .whenDone(exchanges).create();
    }

    /** Waits until the fulfillment writer has committed every record of its topic. */
    void awaitFulfillmentWriterIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
                committed = admin.listConsumerGroupOffsets("storelink-fulfillment-writer").partitionsToOffsetAndMetadata().get();
            }
            Map<String, Object> props = KafkaTestUtils.consumerProps(kafka.getBrokersAsString(), "test-" + UUID.randomUUID(), "false");
            try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(FULFILLMENTS_TOPIC).stream()
                        .map(p -> new TopicPartition(FULFILLMENTS_TOPIC, p.partition())).toList();
                return consumer.endOffsets(partitions).entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            }
        });
    }

    private static Instant instant(Object salesforceDateTime) {
        return OffsetDateTime.parse(String.valueOf(salesforceDateTime), SALESFORCE_DATETIME).toInstant();
    }
}

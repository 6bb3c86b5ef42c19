package io.storelink.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.kafka.Checkpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation end to end: orders that exist only in the Shopify Admin fake (their webhooks were dropped) are
 * read through the real GraphQL client, published to the orders topic and written to the Salesforce fake by the
 * writer, like delivered ones.
 */
class ReconciliationIT extends BridgeTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void withTheJobsOffNoScheduleIsLoadedAndTheJobsStayCallable() {
        // BridgeTestSupport runs with storelink.jobs.enabled=false: routes/poller-schedules.camel.yaml is left out
        // (loaded and left stopped, Camel's route health check would keep the instance from ever being ready)
        assertThat(camel.getRoutes()).extracting(org.apache.camel.Route::getRouteId)
                .contains("reconciliation", "inventory-sync", "shipment-confirmation")
                .noneMatch(id -> id.endsWith("-schedule"));
        assertThat(camel.getRouteController().getRouteStatus("reconciliation").isStarted()).isTrue();
    }

    @BeforeEach
    void quietStore() {
        awaitWriterIdle();
        SHOPIFY_ADMIN.deleteAllOrders();
        SHOPIFY_ADMIN.bucket(2000, 100);
        SHOPIFY_ADMIN.resetCounters();
    }

    @Test
    void fiftyOrdersWhoseWebhooksWereDroppedReachSalesforceAndTheNextRunDoesNotRescan() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> delivered = new ArrayList<>();
        List<ObjectNode> dropped = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ObjectNode order = at(orders.nextOrder(), now.minusSeconds(60 - i));
            SHOPIFY_ADMIN.putOrder(order);
            (i % 6 == 0 ? delivered : dropped).add(order);
        }
        deliverAll(prepare("orders/create", delivered), 4);
        await().atMost(Duration.ofSeconds(60)).until(() -> synced(delivered));
        awaitWriterIdle();
        assertThat(dropped).hasSize(50).noneMatch(o -> opportunitiesByOrderId().containsKey(o.get("id").asText()));
        long published = recordsIn(ORDERS_TOPIC);

        reconcile();

        await().atMost(Duration.ofSeconds(60)).until(() -> synced(dropped));
        assertThat(recordsIn(ORDERS_TOPIC) - published)
                .as("only the 50 orders Salesforce lacked are published; the 10 delivered ones are not").isEqualTo(50);
        List<ConsumerRecord<String, byte[]>> reconciled = readAll(ORDERS_TOPIC).stream()
                .filter(r -> "reconciliation".equals(headers(r).get("storelink-source"))).toList();
        assertThat(reconciled).extracting(r -> headers(r).get("X-Shopify-Topic")).containsOnly("orders/updated");
        for (ObjectNode o : dropped) {
            assertThat(opportunitiesByOrderId().get(o.get("id").asText())).as("Opportunities of order %s", o.get("id")).isEqualTo(1);
        }

        // The checkpoint is on Kafka, read afresh by every run (as after a restart): an order changed long before
        // it is not found again, while a full re-scan (first-run look-back of 24 h) would find it.
        Optional<Instant> checkpoint = new Checkpoints(new io.storelink.kafka.KafkaClientSettings(camel), "storelink.checkpoints").read("reconciliation");
        assertThat(checkpoint).get().satisfies(c -> assertThat(c).isAfterOrEqualTo(now));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "storelink.checkpoints");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .as("the checkpoint topic keeps the newest value per job forever").isEqualTo("compact");
        }
        ObjectNode old = at(orders.nextOrder(), now.minus(Duration.ofHours(3)));
        SHOPIFY_ADMIN.putOrder(old);
        long before = recordsIn(ORDERS_TOPIC);
        reconcile();
        assertThat(recordsIn(ORDERS_TOPIC)).as("nothing re-published after the checkpoint").isEqualTo(before);
        assertThat(opportunitiesByOrderId()).doesNotContainKey(old.get("id").asText());
    }

    @Test
    void twoThousandOrdersThroughASmallBucketWithoutAThrottledStorm() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> sold = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ObjectNode order = at(orders.nextOrder(), start.plusMillis(i));
            SHOPIFY_ADMIN.putOrder(order);
            sold.add(order);
        }
        // room for one page (requested cost 807) at a time, refilled slower than the job could spend it
        SHOPIFY_ADMIN.bucket(1000, 1000);
        SHOPIFY_ADMIN.resetCounters();
        long published = recordsIn(ORDERS_TOPIC);

        long t0 = System.nanoTime();
        reconcile();
        double seconds = (System.nanoTime() - t0) / 1e9;

        long pages = SHOPIFY_ADMIN.requests("OrdersUpdatedSince");
        io.micrometer.core.instrument.Timer waits = meters.find("storelink.shopify.bucket.waits").tag("operation", "OrdersUpdatedSince").timer();
        long waited = waits == null ? 0 : waits.count();
        System.out.println(String.format("[reconciliation] 2000 orders: %d GraphQL calls, %d THROTTLED, %d waits for the bucket (%.1f s in all), "
                        + "lowest bucket level %.0f, %.1f s", pages, SHOPIFY_ADMIN.throttled(), waited,
                waits == null ? 0.0 : waits.totalTime(java.util.concurrent.TimeUnit.SECONDS), SHOPIFY_ADMIN.lowestAvailable(), seconds));
        assertThat(recordsIn(ORDERS_TOPIC) - published).isEqualTo(2000);
        assertThat(waited).as("the client waited for the bucket instead of running into THROTTLED").isPositive();
        assertThat(SHOPIFY_ADMIN.throttled()).as("THROTTLED answers").isLessThanOrEqualTo(2);
        assertThat(SHOPIFY_ADMIN.lowestAvailable()).as("the bucket never went below empty").isGreaterThanOrEqualTo(0);
        await().atMost(Duration.ofSeconds(180)).until(() -> synced(sold));
    }

    @Test
    void aRefusedScopeSkipsTheRunAndShowsInHealth() throws Exception {
        SHOPIFY_ADMIN.scopes("read_customers", "read_inventory", "read_locations", "read_products"); // no read_orders
        try {
            reconcile();
            Map<String, Object> health = health();
            assertThat(health.get("status")).isEqualTo("DOWN");
            assertThat(String.valueOf(health.get("components"))).contains("reconciliation=refused").contains("read_orders");
        } finally {
            SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        }
        reconcile();
        assertThat(String.valueOf(health().get("components"))).doesNotContain("refused");
    }

    @Test
    void aWebhookSubscriptionShopifyDroppedIsFlagged() throws Exception {
        List<String> expected = List.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_PAID", "ORDERS_CANCELLED",
                "ORDERS_DELETE", "ORDERS_EDITED", "FULFILLMENTS_CREATE", "FULFILLMENTS_UPDATE", "REFUNDS_CREATE",
                "CUSTOMERS_CREATE", "CUSTOMERS_UPDATE", "CUSTOMERS_DELETE", "APP_UNINSTALLED");
        expected.forEach(t -> SHOPIFY_ADMIN.subscribeWebhook(t, "https://bridge.example/webhooks/shopify"));
        SHOPIFY_ADMIN.unsubscribeWebhook("FULFILLMENTS_UPDATE"); // deleted by Shopify after 8 failed deliveries
        try {
            reconcile();
            assertThat(String.valueOf(health().get("components"))).contains("missingWebhooks=[FULFILLMENTS_UPDATE]");
            assertThat(meters.get("storelink.shopify.webhooks.missing").gauge().value()).isEqualTo(1.0);

            SHOPIFY_ADMIN.subscribeWebhook("FULFILLMENTS_UPDATE", "https://bridge.example/webhooks/shopify");
            reconcile();
            assertThat(String.valueOf(health().get("components"))).doesNotContain("missingWebhooks");
            assertThat(meters.get("storelink.shopify.webhooks.missing").gauge().value()).isZero();
        } finally {
            expected.forEach(SHOPIFY_ADMIN::unsubscribeWebhook);
        }
    }

    private void reconcile() {
        camel.createProducerTemplate().requestBody("direct:reconciliation", (Object) null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health() throws Exception {
        var response = getAsConsole(port, "/actuator/health/shopify");
        Map<String, Object> shopify = new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class);
        return Map.of("status", shopify.get("status"), "components", String.valueOf(shopify.get("details")));
    }

    private static boolean synced(List<ObjectNode> sold) {
        Map<String, Long> opportunities = opportunitiesByOrderId();
        return sold.stream().allMatch(o -> opportunities.containsKey(o.get("id").asText()));
    }

    /** The order as created and last changed at {@code t} (the generator spaces orders minutes apart). */
    private static ObjectNode at(ObjectNode order, Instant t) {
        String ts = t.atOffset(ZoneOffset.ofHours(1)).toString();
        order.put("created_at", ts);
        order.put("updated_at", ts);
        return order;
    }
}

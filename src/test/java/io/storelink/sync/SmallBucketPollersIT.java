package io.storelink.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pollers fit any bucket Shopify reports: 600 orders missed by webhooks reach Salesforce through reconciliation
 * while shipment confirmation keeps running on the same bucket, then their tracking through shipment confirmation,
 * with a 400-point bucket (a page of 5 orders asks 805: more than it can ever hold) and with a Standard 2,000-point
 * one. The restore rate is raised so the test takes seconds; the bucket's size is what decides the page sizes.
 */
class SmallBucketPollersIT extends BridgeTestSupport {

    @BeforeEach
    void quietStore() {
        awaitWriterIdle();
        SHOPIFY_ADMIN.deleteAllOrders();
    }

    @ParameterizedTest(name = "bucket of {0} points restoring {1}/s")
    @CsvSource({"400, 8000", "2000, 8000"})
    void sixHundredMissedOrdersAndTheirTrackingThroughOneSharedBucket(int bucket, int restorePerSecond) throws Exception {
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> missed = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ObjectNode order = orders.nextOrder();
            String at = start.plusMillis(i * 10L).atOffset(ZoneOffset.UTC).toString();
            order.put("created_at", at);
            order.put("updated_at", at);
            SHOPIFY_ADMIN.putOrder(order);
            missed.add(order);
        }
        SHOPIFY_ADMIN.bucket(bucket, restorePerSecond);
        SHOPIFY_ADMIN.resetCounters();

        // reconciliation works through its backlog while shipment confirmation runs again and again on the same bucket
        AtomicBoolean reconciling = new AtomicBoolean(true);
        AtomicInteger shipmentRuns = new AtomicInteger();
        CompletableFuture<Void> shipments = CompletableFuture.runAsync(() -> {
            while (reconciling.get()) {
                run("direct:shipment-confirmation");
                shipmentRuns.incrementAndGet();
            }
        });
        run("direct:reconciliation");
        reconciling.set(false);
        shipments.get();
        await().atMost(Duration.ofSeconds(120)).until(() -> opportunitiesByOrderId().keySet()
                .containsAll(missed.stream().map(o -> o.get("id").asText()).toList()));
        long reconciliationPages = SHOPIFY_ADMIN.requests("OrdersUpdatedSince");
        long shipmentPages = SHOPIFY_ADMIN.requests("FulfillmentsUpdatedSince");

        Instant shipped = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        for (ObjectNode order : missed) {
            long id = order.get("id").asLong();
            SHOPIFY_ADMIN.fulfill(id, "UPS", "1ZBUCKET" + id, "https://ups.example/1ZBUCKET" + id, "SUCCESS", shipped);
        }
        run("direct:shipment-confirmation");
        await().atMost(Duration.ofSeconds(120)).until(() -> missed.stream()
                .allMatch(o -> ("1ZBUCKET" + o.get("id").asText()).equals(trackingNumber(o.get("id").asText()))));

        System.out.printf("[pollers] bucket %d points: 600 orders in %d reconciliation pages, %d shipment runs beside it (%d pages), "
                        + "then 600 tracking numbers; %d THROTTLED of %d GraphQL calls, lowest bucket level %.0f%n", bucket,
                reconciliationPages, shipmentRuns.get(), shipmentPages, SHOPIFY_ADMIN.throttled(), SHOPIFY_ADMIN.requests(),
                SHOPIFY_ADMIN.lowestAvailable());
        assertThat(shipmentRuns.get()).as("shipment confirmation ran beside reconciliation").isPositive();
        assertThat(SHOPIFY_ADMIN.throttled()).as("THROTTLED answers in all").isLessThanOrEqualTo(5);
        assertThat(SHOPIFY_ADMIN.lowestAvailable()).as("the bucket never went below empty").isGreaterThanOrEqualTo(0);
    }

    private void run(String job) {
        camel.createProducerTemplate().requestBody(job, (Object) null);
    }

    private static String trackingNumber(String orderId) {
        Optional<java.util.Map<String, Object>> o = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId);
        return o.map(r -> (String) r.get("Tracking_Number__c")).orElse(null);
    }
}

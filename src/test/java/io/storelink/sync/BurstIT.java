package io.storelink.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.salesforce.AppliedVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flash sale's backlog: orders waiting in Kafka are written many per Salesforce call. 3,000 orders here (the
 * 10,000-order figures are {@code bench/writer-benchmark.sh burst}'s, see BENCHMARKS.md): each batch of up to 1,000
 * records costs one version read and one write call per 200 orders.
 */
class BurstIT extends BridgeTestSupport {

    private static final int ORDERS = 3000;

    @Test
    void aBacklogCostsAtMostOneCallPerHundredOrders() throws Exception {
        awaitWriterIdle();
        List<ObjectNode> payloads = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            payloads.add(orders.nextOrder());
        }
        // a second event for every tenth order: only the newest of each order is written
        List<ObjectNode> events = new ArrayList<>(payloads);
        List<ObjectNode> updates = new ArrayList<>();
        for (int i = 0; i < ORDERS; i += 10) {
            updates.add(OrderFactory.updated(payloads.get(i), Duration.ofMinutes(2), o -> o.put("financial_status", "paid")));
        }
        events.addAll(updates);
        long deadLetters = recordsIn(DEAD_LETTER_TOPIC);
        camel.getRouteController().stopRoute("orders-to-salesforce");
        try {
            deliverAll(prepare("orders/create", events), 8);
        } finally {
            long calls = SALESFORCE.apiCalls();
            long start = System.nanoTime();
            camel.getRouteController().startRoute("orders-to-salesforce");
            awaitWriterIdle();
            double seconds = (System.nanoTime() - start) / 1e9;
            calls = SALESFORCE.apiCalls() - calls;
            System.out.printf("[burst] %d events of %d orders: %d Salesforce calls (%.4f per order), drained in %.1f s (%.0f orders/s)%n",
                    events.size(), ORDERS, calls, (double) calls / ORDERS, seconds, ORDERS / seconds);
            assertThat((double) calls / ORDERS).as("Salesforce calls per order").isLessThanOrEqualTo(0.01);
        }
        Map<String, Long> byOrder = opportunitiesByOrderId();
        assertThat(payloads).allSatisfy(o -> assertThat(byOrder.get(o.get("id").asText())).as("Opportunities of %s", o.get("id")).isEqualTo(1L));
        assertThat(updates).allSatisfy(u -> assertThat(AppliedVersion.parse(SALESFORCE.find("Opportunity",
                        "External_Shopify_Order_ID__c", u.get("id").asText()).orElseThrow().get("Shopify_Updated_At__c").toString()))
                .as("the newest event of %s", u.get("id")).isEqualTo(Instant.parse(u.get("updated_at").asText())));
        assertThat(recordsIn(DEAD_LETTER_TOPIC)).isEqualTo(deadLetters);
    }
}

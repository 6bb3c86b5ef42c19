package io.storelink.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.AppliedVersion;
import io.storelink.orders.WrittenVersions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At a trickle an order event costs one Salesforce call: the writer skips the version read for orders it wrote or
 * read since its partition was assigned, and for orders created after that. After a rebalance or a restart of the
 * consumer it reads again, and the version guard holds.
 */
class VersionCacheIT extends BridgeTestSupport {

    @Autowired
    WrittenVersions versions;

    @Autowired
    MeterRegistry meters;

    private final OrderFactory live = OrderFactory.live(System.nanoTime());

    @Test
    void theReadIsSkippedWhenSafeAndMadeAgainAfterARebalanceAndARestart() throws Exception {
        awaitWriterIdle();
        // orders created now: after the partitions were assigned (plus the 1 s clock margin of the tests)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(versions.lastReset().plusSeconds(2)));
        List<ObjectNode> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(live.companyOrder());
        }

        Calls newOrders = trickle("orders/create", created);
        assertThat(newOrders.calls).as("Salesforce calls for 6 new orders, one at a time").isEqualTo(6);
        assertThat(newOrders.reads).as("version reads").isZero();

        List<ObjectNode> paid = new ArrayList<>();
        for (ObjectNode order : created) {
            paid.add(OrderFactory.updated(order, Duration.ofMinutes(1), o -> o.put("financial_status", "paid")));
        }
        Calls updates = trickle("orders/updated", paid);
        assertThat(updates.calls).as("Salesforce calls for 6 updates of orders written here").isEqualTo(6);
        assertThat(updates.reads).isZero();

        // a rebalance: another member joins the writers' group and leaves; the partitions are assigned again
        Instant before = versions.lastReset();
        try (Consumer<String, byte[]> member = groupMember()) {
            member.subscribe(List.of(ORDERS_TOPIC));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty() || versions.lastReset().isAfter(before);
            });
        }
        Instant joined = versions.lastReset();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> versions.lastReset().isAfter(joined));
        awaitWriterIdle();

        // an event older than what Salesforce has, of an order written here before the rebalance: read, then skipped
        ObjectNode late = OrderFactory.updated(created.get(0), Duration.ofSeconds(30), o -> o.put("financial_status", "pending"));
        Calls afterRebalance = trickle("orders/updated", List.of(late));
        assertThat(afterRebalance.reads).as("version reads after the rebalance").isEqualTo(1);
        assertThat(afterRebalance.calls).as("the read only: the event is older").isEqualTo(1);
        assertThat(appliedVersion(created.get(0))).isEqualTo(Instant.parse(paid.get(0).get("updated_at").asText()));

        // a restart of the writer's consumers: read again
        camel.getRouteController().stopRoute("orders-to-salesforce");
        camel.getRouteController().startRoute("orders-to-salesforce");
        ObjectNode refunded = OrderFactory.updated(paid.get(1), Duration.ofMinutes(1), o -> o.put("financial_status", "refunded"));
        Calls afterRestart = trickle("orders/updated", List.of(refunded));
        assertThat(afterRestart.reads).as("version reads after the restart").isEqualTo(1);
        assertThat(afterRestart.calls).as("the read and the write").isEqualTo(2);
        assertThat(appliedVersion(created.get(1))).isEqualTo(Instant.parse(refunded.get("updated_at").asText()));
    }

    private record Calls(long calls, long reads) {
    }

    /** Delivers one event at a time, each after the previous one is written: a trickle. */
    private Calls trickle(String topic, List<ObjectNode> payloads) throws Exception {
        long calls = SALESFORCE.apiCalls("/composite");
        double reads = reads();
        WebhookSender sender = shopify();
        for (ObjectNode payload : payloads) {
            WebhookSender.Delivery delivery = sender.prepare(topic, OrderFactory.bytes(payload));
            WriterRecords done = WriterRecords.watch(camel, 1, Set.of(delivery.webhookId()));
            assertThat(sender.deliver(delivery).statusCode()).isEqualTo(200);
            assertThat(done.matches(30, TimeUnit.SECONDS)).as("written").isTrue();
        }
        return new Calls(SALESFORCE.apiCalls("/composite") - calls, Math.round(reads() - reads));
    }

    private double reads() {
        var counter = meters.find("storelink.writer.calls").tags("writer", "orders", "kind", "version_read").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Instant appliedVersion(ObjectNode order) {
        Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText()).orElseThrow();
        return AppliedVersion.parse(opportunity.get("Shopify_Updated_At__c").toString());
    }

    private Consumer<String, byte[]> groupMember() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka.getBrokersAsString(), "storelink-salesforce-writer", "false");
        props.put("session.timeout.ms", "6000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

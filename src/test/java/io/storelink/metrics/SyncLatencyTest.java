package io.storelink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SyncLatencyTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SyncLatency latency = new SyncLatency(meters,
            Clock.fixed(Instant.parse("2025-07-10T16:15:49.500Z"), ZoneOffset.UTC));

    @Test
    void recordsFromShopifysTriggeredAtAsKafkaDeliversIt() {
        latency.record(exchange("2025-07-10T16:15:47.000000Z".getBytes(StandardCharsets.UTF_8)));

        assertThat(meters.get("storelink.sync.latency").tag("writer", "orders").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(2500);
    }

    @Test
    void recordsNothingWithoutAReadableHeader() {
        latency.record(exchange(null));
        latency.record(exchange("yesterday"));
        latency.record(exchange("2025-07-10 16:15:47"));

        assertThat(meters.find("storelink.sync.latency").timer()).isNull();
    }

    private static Exchange exchange(Object triggeredAt) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SyncLatency.WRITER, "orders");
        exchange.getIn().setHeader("X-Shopify-Triggered-At", triggeredAt);
        return exchange;
    }
}

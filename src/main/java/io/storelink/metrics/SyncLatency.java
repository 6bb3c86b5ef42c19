package io.storelink.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code storelink.sync.latency}: from Shopify's {@code X-Shopify-Triggered-At} (when the event fired) to Salesforce
 * accepting the write, per writer. Called by the writer routes right after the Salesforce call succeeded. Camel's
 * micrometer timer measures only between two steps of one route; this latency starts outside the bridge, so it is
 * recorded here. The histogram's buckets are configured under {@code management.metrics.distribution} in
 * application.yaml. A missing or unparseable header (Kafka headers arrive as bytes) records nothing.
 */
@Component("syncLatency")
public class SyncLatency {

    /** Exchange property naming the writer ({@code orders}, {@code fulfillments}); set first in each writer route. */
    public static final String WRITER = "writer";

    private final MeterRegistry meters;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public SyncLatency(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    SyncLatency(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void record(Exchange exchange) {
        // Kafka headers arrive as bytes: Camel's type converter reads them as text, as for the other Shopify headers
        Instant triggered = triggeredAt(exchange.getIn().getHeader(ShopifyHeaders.TRIGGERED_AT, String.class));
        if (triggered == null) {
            return;
        }
        Duration latency = Duration.between(triggered, clock.instant());
        if (latency.isNegative()) {
            latency = Duration.ZERO; // Shopify's clock ahead of ours
        }
        Timer.builder("storelink.sync.latency")
                .description("From the Shopify event (X-Shopify-Triggered-At) to Salesforce accepting the write")
                .tag("writer", exchange.getProperty(WRITER, "unknown", String.class))
                .register(meters)
                .record(latency);
    }

    /** ISO-8601 instant, e.g. {@code 2025-07-10T16:15:47.000000Z}; null when absent or not an instant. */
    public static Instant triggeredAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

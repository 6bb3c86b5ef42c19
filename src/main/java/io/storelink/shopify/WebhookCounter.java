package io.storelink.shopify;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The counter {@code storelink.webhooks}: one increment per answered delivery, tagged with its {@code outcome}
 * and {@code topic}. Called where the outcome is decided (routes/shopify-webhooks.camel.yaml and its error
 * handlers, the start-up gate). The topic header is whatever the caller sent, so only topics Shopify documents
 * and this bridge knows become tag values; anything else is {@code other}, a missing one {@code none}: garbage
 * topics cannot grow the number of time series.
 */
@Component("webhookCounter")
public class WebhookCounter {

    public static final String NAME = "storelink.webhooks";

    /** The topics the intake enqueues, and the ones it acknowledges and ignores (README, "Webhook topics"). */
    static final Set<String> KNOWN_TOPICS = Set.of(
            "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled",
            "orders/partially_fulfilled", "orders/edited", "orders/delete",
            "fulfillments/create", "fulfillments/update",
            "customers/create", "customers/update", "customers/delete", "customers/enable", "customers/disable",
            "refunds/create", "app/uninstalled", "customers/data_request", "customers/redact", "shop/redact");

    private final MeterRegistry meters;

    public WebhookCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Signed, and stored on Kafka. */
    public void accepted(String topic) {
        count(topic, "accepted");
    }

    /** Signed, acknowledged with 200, but a topic nothing handles yet. */
    public void ignored(String topic) {
        count(topic, "ignored");
    }

    /** Answered 503 (Kafka did not acknowledge, or the intake is not running): Shopify retries. */
    public void unavailable(String topic) {
        count(topic, "unavailable");
    }

    /** Refused with a 4xx: 401 signature, 413 size, anything else a bad request. */
    public void rejected(String topic, int status) {
        count(topic, switch (status) {
            case 401 -> "unauthorized";
            case 413 -> "too_large";
            default -> "bad_request";
        });
    }

    private void count(String topic, String outcome) {
        Counter.builder(NAME)
                .description("Shopify webhook deliveries by topic and outcome")
                .tag("topic", topicTag(topic))
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    static String topicTag(String topic) {
        if (topic == null || topic.isBlank()) {
            return "none";
        }
        return KNOWN_TOPICS.contains(topic) ? topic : "other";
    }
}

package io.storelink.shopify.subscriptions;

import java.util.List;

/**
 * Where one topic delivers, compared with the bridge's address.
 *
 * @param topic     WebhookSubscriptionTopic name, e.g. ORDERS_CREATE
 * @param atAddress a subscription delivers to the address
 * @param elsewhere the other addresses the topic delivers to
 */
public record TopicSubscription(String topic, boolean atAddress, List<String> elsewhere) {

    /** No subscription at all. */
    public boolean missing() {
        return !atAddress && elsewhere.isEmpty();
    }

    /** Subscribed, but only at other addresses. */
    public boolean onlyElsewhere() {
        return !atAddress && !elsewhere.isEmpty();
    }
}

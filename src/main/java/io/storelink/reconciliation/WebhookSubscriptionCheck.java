package io.storelink.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.shopify.admin.ShopifyHealth;
import io.storelink.shopify.subscriptions.WebhookSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shopify deletes a subscription after 8 failed deliveries in a row, silently. Each reconciliation run lists the
 * store's subscriptions and flags expected topics that are gone (log, health detail, metric).
 */
@Component("webhookSubscriptionCheck")
public class WebhookSubscriptionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriptionCheck.class);

    private final WebhookSubscriptions subscriptions;
    private final ShopifyHealth health;
    private final ReconciliationSettings settings;

    public WebhookSubscriptionCheck(WebhookSubscriptions subscriptions, ShopifyHealth health, ReconciliationSettings settings,
                                    MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.health = health;
        this.settings = settings;
        Gauge.builder("storelink.shopify.webhooks.missing", () -> health.missingWebhooks().size())
                .description("Expected Shopify webhook topics without a subscription").register(meters);
    }

    public List<String> check() {
        Set<String> subscribed = subscriptions.addressesByTopic().keySet();
        List<String> missing = new ArrayList<>();
        for (String topic : settings.expectedWebhooks()) {
            if (!subscribed.contains(topic)) {
                missing.add(topic);
            }
        }
        if (!missing.isEmpty() && !missing.equals(health.missingWebhooks())) { // once per change, not every run
            LOG.warn("Shopify has no webhook subscription for {}: these events arrive only through reconciliation until "
                    + "the subscriptions are created again (see README, Shopify set-up)", missing);
        }
        if (missing.isEmpty() && !health.missingWebhooks().isEmpty()) {
            LOG.info("Shopify delivers every expected webhook topic again");
        }
        health.missingWebhooks(missing);
        return missing;
    }
}

package io.storelink.shopify.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The pollers' last outcome per job, as the routes report it ({@code bean shopifyHealth succeeded/refused}), shown
 * as {@code /actuator/health} component "shopify" by {@link ShopifyHealthIndicator}. DOWN while a job is refused by
 * Shopify (token or scope: only the merchant can fix it); missing webhook subscriptions are listed.
 */
@Component("shopifyHealth")
public class ShopifyHealth {

    private record Outcome(Instant at, String refusal) {
    }

    private final Map<String, Outcome> jobs = new ConcurrentHashMap<>();
    private volatile List<String> missingWebhooks = List.of();

    public void succeeded(String job) {
        jobs.put(job, new Outcome(Instant.now(), null));
    }

    public void refused(String job, ShopifyAccessException e) {
        jobs.put(job, new Outcome(Instant.now(), e.getMessage()));
    }

    public void missingWebhooks(List<String> topics) {
        missingWebhooks = List.copyOf(topics);
    }

    public List<String> missingWebhooks() {
        return missingWebhooks;
    }

    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        boolean refused = false;
        for (Map.Entry<String, Outcome> job : jobs.entrySet()) {
            Outcome o = job.getValue();
            refused |= o.refusal() != null;
            details.put(job.getKey(), o.refusal() == null ? "ok at " + o.at() : "refused at " + o.at() + ": " + o.refusal());
        }
        if (!missingWebhooks.isEmpty()) {
            details.put("missingWebhooks", missingWebhooks);
        }
        return (refused ? Health.down() : Health.up()).withDetails(details).build();
    }
}

package io.storelink.reconciliation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param overlap          each run re-reads this much before the checkpoint: Shopify's search index lags a little
 *                         and clocks differ; re-published orders cost one version check each and change nothing
 * @param lookBack         the first run (no checkpoint yet) reads this far back
 * @param pageSize         orders per GraphQL page (each with up to 50 lines: keep the query cost under 1000)
 * @param expectedWebhooks webhook topics the store must deliver (enum names, e.g. ORDERS_CREATE)
 */
@ConfigurationProperties("storelink.jobs.reconciliation")
public record ReconciliationSettings(Duration overlap, Duration lookBack, int pageSize, List<String> expectedWebhooks) {

    public ReconciliationSettings {
        overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
        lookBack = lookBack == null ? Duration.ofHours(24) : lookBack;
        pageSize = pageSize <= 0 ? 5 : Math.min(pageSize, 250);
        expectedWebhooks = expectedWebhooks == null ? List.of() : List.copyOf(expectedWebhooks);
    }
}

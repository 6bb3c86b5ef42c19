package io.storelink.reconciliation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param overlap          each run re-reads this much before the checkpoint: Shopify's search index lags a little
 *                         and clocks differ; re-published orders cost one version check each and change nothing
 * @param lookBack         the first run (no checkpoint yet) reads this far back
 * @param pageSize         orders per GraphQL page, at most 6: an order with up to 50 lines costs 161 points and
 *                         Shopify refuses a query over 1000
 * @param expectedWebhooks webhook topics the store must deliver (enum names, e.g. ORDERS_CREATE)
 */
@ConfigurationProperties("storelink.jobs.reconciliation")
public record ReconciliationSettings(Duration overlap, Duration lookBack, int pageSize, List<String> expectedWebhooks) {

    static final int MAX_PAGE_SIZE = 6;

    public ReconciliationSettings {
        overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
        lookBack = lookBack == null ? Duration.ofHours(24) : lookBack;
        pageSize = pageSize <= 0 ? 5 : pageSize;
        if (pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("storelink.jobs.reconciliation.page-size must be at most " + MAX_PAGE_SIZE
                    + " (each order costs 161 query points, Shopify refuses a query over 1000), not " + pageSize);
        }
        expectedWebhooks = expectedWebhooks == null ? List.of() : List.copyOf(expectedWebhooks);
    }
}

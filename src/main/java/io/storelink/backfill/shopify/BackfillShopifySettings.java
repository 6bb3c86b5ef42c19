package io.storelink.backfill.shopify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Shopify side of the backfill (defaults in application.yaml, storelink.backfill.shopify).
 *
 * @param pollInterval    between two polls of the bulk operation; Shopify's guide scales it to the expected duration
 *                        (a minute for an hour of data), each poll is an ordinary, cost-limited query
 * @param lineItems       also read every order's line items (a nested connection, more objects and a longer run)
 * @param groupObjects    bulkOperationRunQuery's groupObjects: false (2026-01+ default) is faster; the reader copes with both
 * @param downloadTimeout connecting to the result file and waiting for its first bytes
 */
@ConfigurationProperties("storelink.backfill.shopify")
public record BackfillShopifySettings(Duration pollInterval, boolean lineItems, boolean groupObjects, Duration downloadTimeout) {

    public BackfillShopifySettings {
        if (pollInterval == null || pollInterval.isNegative()) {
            throw new IllegalArgumentException("storelink.backfill.shopify.poll-interval must be set (application.yaml)");
        }
        if (downloadTimeout == null || downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("storelink.backfill.shopify.download-timeout must be set (application.yaml)");
        }
    }
}

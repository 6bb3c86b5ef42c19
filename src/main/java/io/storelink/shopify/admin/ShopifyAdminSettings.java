package io.storelink.shopify.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Shopify Admin GraphQL API use by the pollers. The store URL and access token are in
 * {@link io.storelink.config.ShopifySettings}.
 *
 * @param apiVersion      quarterly version, e.g. 2026-07 (the queries are validated against its schema in a test)
 * @param requestTimeout  one HTTP call
 * @param maxThrottledRetries THROTTLED answers in a row before the call fails (each waits for the bucket first)
 * @param transientRetries 5xx or connection failures retried this often, after 1 s, 2 s, 4 s ...
 */
@ConfigurationProperties("storelink.shopify.admin")
public record ShopifyAdminSettings(String apiVersion, Duration requestTimeout, int maxThrottledRetries,
                                   int transientRetries) {

    public ShopifyAdminSettings {
        if (apiVersion == null || apiVersion.isBlank()) {
            apiVersion = "2026-07";
        }
        if (requestTimeout == null) {
            requestTimeout = Duration.ofSeconds(30);
        }
        if (maxThrottledRetries <= 0) {
            maxThrottledRetries = 20;
        }
        if (transientRetries < 0) {
            transientRetries = 0;
        }
    }
}

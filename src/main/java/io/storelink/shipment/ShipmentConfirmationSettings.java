package io.storelink.shipment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param overlap  each run re-reads this much before the checkpoint: Shopify's search index lags a little and
 *                 clocks differ; re-published fulfillments cost one query each and change nothing
 * @param lookBack the first run (no checkpoint yet) reads this far back
 * @param pageSize orders per GraphQL page. Shopify prices a list field with {@code first} as first x element: each
 *                 order asks for up to 10 fulfillments of up to 5 tracking entries, 61 points, so a page costs
 *                 2 + 61 x pageSize and more than 16 exceeds the 1000 points one query may cost
 */
@ConfigurationProperties("storelink.jobs.shipment-confirmation")
public record ShipmentConfirmationSettings(Duration overlap, Duration lookBack, int pageSize) {

    public ShipmentConfirmationSettings {
        overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
        lookBack = lookBack == null ? Duration.ofHours(24) : lookBack;
        pageSize = pageSize <= 0 ? 15 : Math.min(pageSize, 250);
    }
}

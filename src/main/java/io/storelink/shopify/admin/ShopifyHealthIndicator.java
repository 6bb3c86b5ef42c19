package io.storelink.shopify.admin;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "shopify" (the bean name minus "HealthIndicator"). Not part of the readiness
 * group: the webhook intake does not depend on the Admin API.
 */
@Component
public class ShopifyHealthIndicator implements HealthIndicator {

    private final ShopifyHealth jobs;

    public ShopifyHealthIndicator(ShopifyHealth jobs) {
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        return jobs.health();
    }
}

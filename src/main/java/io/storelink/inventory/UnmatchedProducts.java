package io.storelink.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shopify products without a Salesforce record. The sync never creates records (the merchant creates products in
 * Salesforce, then their stock follows), so these are only reported: a WARN line listing the first
 * {@value #LISTED} keys, and the gauge {@code storelink.inventory.unmatched} for alerting.
 */
@Component("unmatchedProducts")
public class UnmatchedProducts {

    static final int LISTED = 50;
    private static final Logger LOG = LoggerFactory.getLogger(UnmatchedProducts.class);

    private final InventorySettings settings;
    private final AtomicInteger unmatched = new AtomicInteger();

    public UnmatchedProducts(InventorySettings settings, MeterRegistry meters) {
        this.settings = settings;
        Gauge.builder("storelink.inventory.unmatched", unmatched, AtomicInteger::get)
                .description("Shopify products without a Salesforce record at the last inventory sync (not created)")
                .register(meters);
    }

    public void report(Exchange exchange) {
        InventoryRun run = InventoryRun.of(exchange);
        List<String> keys = run.changes().unmatched();
        unmatched.set(keys.size());
        if (!keys.isEmpty()) {
            LOG.warn("{} Shopify {}(s) have no {} record with that {}: their stock is not synced and no record is created. {}",
                    keys.size(), run.getKeyLabel(), settings.object(), settings.matchField(), list(keys));
        }
    }

    static String list(List<String> keys) {
        String shown = String.join(", ", keys.subList(0, Math.min(LISTED, keys.size())));
        return keys.size() > LISTED ? "First " + LISTED + ": " + shown + " (and " + (keys.size() - LISTED) + " more)" : shown;
    }

    int lastCount() {
        return unmatched.get();
    }
}

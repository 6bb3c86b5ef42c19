package io.storelink.backfill.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.storelink.shopify.admin.RequiredScopes;
import io.storelink.shopify.admin.ShopifyAccessException;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Shopify shows an app only the last 60 days of orders unless its token has {@code read_all_orders}; older orders are
 * left out silently, not refused. A backfill reaching further back checks the token's scopes first, so that it fails
 * with the scope to grant instead of bringing in two months and reporting success.
 */
@Component
public class HistoryScope {

    /** What Shopify shows without read_all_orders. */
    static final Duration VISIBLE = Duration.ofDays(60);

    private final ShopifyAdmin admin;
    private final Clock clock;

    @Autowired
    public HistoryScope(ShopifyAdmin admin) {
        this(admin, Clock.systemUTC());
    }

    HistoryScope(ShopifyAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Fails when orders created since {@code since} include some the token cannot see. */
    public void requireOrdersSince(Instant since) {
        if (!since.isBefore(clock.instant().minus(VISIBLE))) {
            return;
        }
        Set<String> granted = RequiredScopes.granted(admin.query("access-scopes", Map.of()));
        if (!RequiredScopes.covers(granted, RequiredScopes.ALL_ORDERS)) {
            throw new ShopifyAccessException("orders created before " + clock.instant().minus(VISIBLE).truncatedTo(
                    java.time.temporal.ChronoUnit.DAYS) + " are invisible to this app's token: Shopify shows only the last 60 "
                    + "days of orders without the " + RequiredScopes.ALL_ORDERS + " scope. Grant it to the app (README "
                    + "\"Bringing in history\"), or backfill from a later --since", RequiredScopes.ALL_ORDERS);
        }
    }
}

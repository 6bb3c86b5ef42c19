package io.storelink.fakes.shopify.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shopify's leaky bucket of query cost points: full at start, refilling continuously at restoreRate per
 * second up to the maximum. A query reserves its requested cost up front and gets back the difference to its
 * actual cost afterwards, so concurrent queries can never overdraw it.
 */
final class CostBucket {

    private int maximum;
    private double restoreRate;
    private double available;
    private long refilledAt;
    private double lowest;

    CostBucket(int maximum, double restoreRate) {
        reset(maximum, restoreRate);
    }

    synchronized void reset(int maximum, double restoreRate) {
        if (maximum <= 0 || restoreRate <= 0) throw new IllegalArgumentException("bucket needs a positive size and rate");
        this.maximum = maximum;
        this.restoreRate = restoreRate;
        this.available = maximum;
        this.refilledAt = System.nanoTime();
        this.lowest = maximum;
    }

    /** Reserves {@code cost} points; false (nothing taken) when fewer are available: the query is throttled. */
    synchronized boolean reserve(int cost) {
        refill();
        if (cost > available) return false;
        available -= cost;
        return true;
    }

    /** Settles a reserved query at its actual cost; returns the throttle status the response reports. */
    synchronized Map<String, Object> settle(int reserved, int actual) {
        refill();
        available = Math.min(maximum, available + Math.max(0, reserved - actual));
        lowest = Math.min(lowest, available);
        return status();
    }

    /** {maximumAvailable, currentlyAvailable, restoreRate} as Shopify writes them (available as a whole number). */
    synchronized Map<String, Object> status() {
        refill();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maximumAvailable", (double) maximum);
        m.put("currentlyAvailable", (int) Math.floor(available));
        m.put("restoreRate", restoreRate);
        return m;
    }

    /** Lowest level left after a query was charged (never below 0: a query that does not fit is throttled). */
    synchronized double lowest() {
        return lowest;
    }

    synchronized void resetLowest() {
        refill();
        lowest = available;
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(maximum, available + (now - refilledAt) / 1e9 * restoreRate);
        refilledAt = now;
    }
}

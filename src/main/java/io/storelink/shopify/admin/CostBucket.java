package io.storelink.shopify.admin;

import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shopify's cost bucket as last reported ({@code extensions.cost.throttleStatus}), refilled by the elapsed time at
 * the reported restore rate. Sizes are never assumed: until Shopify has answered once, nothing is waited for.
 */
final class CostBucket {

    private final LongSupplier nanoTime;
    private double maximum = -1;
    private double available;
    private double restoreRate;
    private double reportedAvailable;
    private long reportedAt;

    CostBucket(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes the bucket state from a response's {@code extensions.cost}; ignores a response without one. */
    synchronized void record(JsonNode cost) {
        JsonNode status = cost == null ? null : cost.path("throttleStatus");
        if (status == null || !status.hasNonNull("currentlyAvailable") || !status.hasNonNull("restoreRate")) {
            return;
        }
        maximum = status.path("maximumAvailable").asDouble();
        available = status.path("currentlyAvailable").asDouble();
        reportedAvailable = available;
        restoreRate = status.path("restoreRate").asDouble();
        reportedAt = nanoTime.getAsLong();
    }

    /** {@code currentlyAvailable} as last reported (NaN before the first report): the metric storelink.shopify.cost.available. */
    synchronized double reportedAvailable() {
        return maximum < 0 ? Double.NaN : reportedAvailable;
    }

    /** {@code maximumAvailable} as last reported, or NaN before the first report. */
    synchronized double maximum() {
        return maximum < 0 ? Double.NaN : maximum;
    }

    /** Size and restore rate as last reported; null before the first report. */
    synchronized BucketStatus status() {
        return maximum < 0 ? null : new BucketStatus(maximum, restoreRate);
    }

    /** Milliseconds to wait until {@code cost} points are available (0 when they are, or the bucket is unknown). */
    synchronized long millisUntil(double cost) {
        if (maximum < 0 || restoreRate <= 0) {
            return 0;
        }
        double needed = Math.min(cost, maximum) - estimatedAvailable();
        return needed <= 0 ? 0 : (long) Math.ceil(needed / restoreRate * 1000);
    }

    /** Points the caller is about to spend: taken off the estimate so concurrent callers do not all see a full bucket. */
    synchronized void spend(double cost) {
        if (maximum >= 0) {
            available = estimatedAvailable() - cost;
            reportedAt = nanoTime.getAsLong();
        }
    }

    private double estimatedAvailable() {
        double seconds = (nanoTime.getAsLong() - reportedAt) / 1e9;
        return Math.min(maximum, available + seconds * restoreRate);
    }
}

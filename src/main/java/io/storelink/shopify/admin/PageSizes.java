package io.storelink.shopify.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page sizes that fit the bucket Shopify reports. A query runs only when the bucket holds its requested cost, so a
 * page that asks more than {@code maximumAvailable} is refused for ever (Shopify may lower a store's bucket at any
 * time, and plans differ). The cost of one node is learnt from the last {@code requestedQueryCost} of the
 * operation divided by its {@code first} (a query without {@code first} is expected to cost what it cost last); a page asks at most 90 % of the bucket (or of Shopify's 1,000-point
 * query limit) and at most 250 nodes, never more than the configured page size, and grows back when the bucket does.
 */
final class PageSizes {

    static final int MAX_NODES = 250;
    static final double MAX_QUERY_COST = 1000;
    private static final double SHARE_OF_BUCKET = 0.9; // the node estimate misses the query's own few points

    private static final Logger LOG = LoggerFactory.getLogger(PageSizes.class);

    private final Map<String, Double> costPerNode = new ConcurrentHashMap<>();
    private final Map<String, Double> lastCost = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastSize = new ConcurrentHashMap<>();

    /** Learns from an answer's requestedQueryCost for a page of {@code first} nodes (ignored when not positive). */
    void record(String operation, Object first, double requestedCost) {
        if (requestedCost <= 0) {
            return;
        }
        lastCost.put(operation, requestedCost);
        if (first instanceof Number n && n.intValue() > 0) {
            costPerNode.put(operation, requestedCost / n.intValue());
        }
    }

    /** The cost a call with {@code first} nodes will be charged up front: 0 until Shopify has told one. */
    double expectedCost(String operation, Object first) {
        Double perNode = costPerNode.get(operation);
        return perNode != null && first instanceof Number n ? perNode * n.intValue() : lastCost.getOrDefault(operation, 0.0);
    }

    /** The largest page, up to {@code ceiling} nodes, whose cost the bucket of {@code bucketMaximum} points can hold. */
    int fitting(String operation, int ceiling, double bucketMaximum) {
        int size = Math.max(1, Math.min(ceiling, MAX_NODES));
        Double perNode = costPerNode.get(operation);
        if (perNode != null && perNode > 0) {
            double budget = SHARE_OF_BUCKET * (Double.isNaN(bucketMaximum) ? MAX_QUERY_COST : Math.min(MAX_QUERY_COST, bucketMaximum));
            size = Math.max(1, Math.min(size, (int) Math.floor(budget / perNode)));
        }
        Integer before = lastSize.put(operation, size);
        if (perNode != null && before != null && before != size) {
            LOG.info("Shopify {} pages of {} instead of {} ({} points each, bucket of {} points)", operation, size, before,
                    Math.round(perNode), Double.isNaN(bucketMaximum) ? "unknown" : Math.round(bucketMaximum));
        }
        return size;
    }
}

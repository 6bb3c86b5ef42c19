package io.storelink.backfill.shopify;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A bulk operation as Shopify reports it (BulkOperation object). {@code objectCount} counts every line of the result,
 * {@code rootObjectCount} the orders; both are UnsignedInt64, sent as JSON strings.
 */
public record BulkOperation(String id, String status, String errorCode, long objectCount, long rootObjectCount,
                            Long fileSize, String url, String partialDataUrl) {

    /** States after which the operation no longer changes (BulkOperationStatus). */
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELED", "EXPIRED");

    static BulkOperation from(JsonNode op) {
        return new BulkOperation(op.path("id").asText(), op.path("status").asText(), text(op, "errorCode"),
                op.path("objectCount").asLong(0), op.path("rootObjectCount").asLong(0),
                op.hasNonNull("fileSize") ? op.get("fileSize").asLong() : null, text(op, "url"), text(op, "partialDataUrl"));
    }

    public boolean finished() {
        return FINISHED.contains(status);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

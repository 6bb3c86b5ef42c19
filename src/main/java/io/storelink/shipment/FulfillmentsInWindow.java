package io.storelink.shipment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fulfillments changed in the window, webhook-shaped, read from the pages of changed orders as a streaming
 * split consumes them (one GraphQL page in memory at a time). An order changes for many reasons (payment, notes,
 * edits): only its fulfillments updated since the window's start are events; the others were published before.
 */
final class FulfillmentsInWindow implements Iterator<ObjectNode> {

    private final Iterator<JsonNode> orders;
    private final Instant since;
    private final ObjectMapper json;
    private final Deque<ObjectNode> ready = new ArrayDeque<>();

    FulfillmentsInWindow(Iterator<JsonNode> orders, Instant since, ObjectMapper json) {
        this.orders = orders;
        this.since = since;
        this.json = json;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && orders.hasNext()) {
            JsonNode order = orders.next();
            for (JsonNode f : order.path("fulfillments")) {
                if (changedInWindow(f)) {
                    ready.add(WebhookShapedFulfillment.of(order, f, json));
                }
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public ObjectNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** A fulfillment without a readable updatedAt is published: the writer's version check decides, never lost. */
    private boolean changedInWindow(JsonNode f) {
        String updatedAt = f.path("updatedAt").asText(null);
        if (updatedAt == null) {
            return true;
        }
        try {
            return !OffsetDateTime.parse(updatedAt).toInstant().isBefore(since);
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}

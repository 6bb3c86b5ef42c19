package io.storelink.shopify;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The Kafka key of a fulfillment event: its {@code order_id}, so every fulfillment event of one order lands in
 * one partition, in order (the writer keeps the newest per Opportunity). Streaming parser, no tree, no doubles:
 * it runs on every webhook and ids exceed 2^53. The same key for the other events of an order that carry its
 * {@code order_id}: a refund's, and an order edit's (inside its {@code order_edit} object).
 */
public final class FulfillmentPartitionKey {

    private static final JsonFactory JSON = new JsonFactory();

    private FulfillmentPartitionKey() {
    }

    /** The order id, or null when the body is not a JSON object with one (the writer dead-letters such a payload). */
    public static String of(byte[] body) {
        return orderIdIn(body, null);
    }

    /** The {@code order_id} of the payload's {@code order_edit} (orders/edited), or null. */
    public static String ofOrderEdit(byte[] body) {
        return orderIdIn(body, "order_edit");
    }

    /** {@code order_id} at the top level ({@code wrapper} null) or in the top-level object named {@code wrapper}. */
    private static String orderIdIn(byte[] body, String wrapper) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            if (wrapper != null && !enter(p, wrapper)) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("order_id".equals(field) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    return p.getText(); // the rest (line items) need not be read
                }
                p.skipChildren();
            }
        } catch (IOException notJson) {
            return null;
        }
        return null;
    }

    /** Moves into the object field {@code name} of the current object; false when it has none. */
    private static boolean enter(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(field) && value == JsonToken.START_OBJECT) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }
}

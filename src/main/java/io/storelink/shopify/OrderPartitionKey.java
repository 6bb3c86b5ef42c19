package io.storelink.shopify;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The Kafka key of an order event: the Shopify customer id, or the order id for a guest checkout, so that all
 * events of one customer land in one partition, in order. Runs on every webhook: {@link OrderKeyScan} walks the raw
 * bytes; what it is not sure of is read with Jackson's streaming parser (no tree, no doubles: ids exceed 2^53).
 */
public final class OrderPartitionKey {

    private static final JsonFactory JSON = new JsonFactory();

    private OrderPartitionKey() {
    }

    /** The key, or null when the body is not a JSON object with an id (the writer dead-letters such a payload). */
    public static String of(byte[] body) {
        String scanned = OrderKeyScan.key(body);
        return scanned != OrderKeyScan.UNSURE ? scanned : parse(body);
    }

    /** Jackson's answer: for what {@link OrderKeyScan} is not sure of. */
    static String parse(byte[] body) {
        String orderId = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("id".equals(field) && value.isScalarValue()) {
                    orderId = p.getText();
                } else if ("customer".equals(field) && value == JsonToken.START_OBJECT) {
                    String customerId = idOfObject(p);
                    if (customerId != null) {
                        return customerId; // the rest of the body (often most of it) need not be read
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException notJson) {
            return null;
        }
        return orderId;
    }

    private static String idOfObject(JsonParser p) throws IOException {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("id".equals(field) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                id = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return id;
    }
}

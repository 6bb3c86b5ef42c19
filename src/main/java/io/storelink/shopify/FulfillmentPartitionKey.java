package io.storelink.shopify;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The Kafka key of a fulfillment event: its {@code order_id}, so every fulfillment event of one order lands in
 * one partition, in order (the writer keeps the newest per Opportunity). Streaming parser, no tree, no doubles:
 * it runs on every webhook and ids exceed 2^53.
 */
public final class FulfillmentPartitionKey {

    private static final JsonFactory JSON = new JsonFactory();

    private FulfillmentPartitionKey() {
    }

    /** The order id, or null when the body is not a JSON object with one (the writer dead-letters such a payload). */
    public static String of(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
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
}

package io.storelink.orderchanges;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The order an order change belongs to: {@code order_id} of a refund, {@code id} of a deleted order (its whole
 * payload), {@code order_edit.order_id} of an edit. Nothing else of the payload is used: the refund writer takes the
 * total from the order itself, and an edit re-reads the whole order. Without
 * the id there is nothing to write to: poison (dead letter, never retried). The id stays text: ids exceed 2^53.
 */
@Component("parseOrderChange")
public class ParseOrderChange implements Processor {

    public static final String DELETE_TOPIC = "orders/delete";
    public static final String EDIT_TOPIC = "orders/edited";

    private final ObjectMapper json;

    public ParseOrderChange(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getIn().getHeader(ShopifyHeaders.TOPIC, String.class);
        exchange.setProperty(ParseOrder.ORDER_ID, orderId(topic, exchange.getIn().getBody(byte[].class)));
    }

    String orderId(String topic, byte[] body) {
        String field = DELETE_TOPIC.equals(topic) ? "id" : EDIT_TOPIC.equals(topic) ? "order_edit.order_id" : "order_id";
        JsonNode id;
        try {
            id = body == null ? null : json.readTree(body).at("/" + field.replace('.', '/'));
        } catch (IOException notJson) {
            throw new PoisonPayloadException(topic + " payload is not JSON", null);
        }
        if (id == null || !(id.isIntegralNumber() || id.isTextual() && id.asText().matches("\\d+"))) {
            throw new PoisonPayloadException(topic + " payload has no " + field, null);
        }
        return id.asText();
    }
}

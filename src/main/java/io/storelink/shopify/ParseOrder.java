package io.storelink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Raw order bytes from Kafka into the typed {@link ShopifyOrder}; a payload that cannot be an order is poison. */
@Component("parseOrder")
public class ParseOrder implements Processor {

    private final ObjectMapper json;

    public ParseOrder(ObjectMapper json) {
        this.json = json;
    }

    /** Exchange property naming the order in log lines and dead letters (its id and name, never personal data). */
    public static final String ORDER_ID = "shopifyOrderId";
    public static final String ORDER_NAME = "shopifyOrderName";

    @Override
    public void process(Exchange exchange) {
        ShopifyOrder order = parse(exchange.getIn().getBody(byte[].class));
        exchange.setProperty(ORDER_ID, order.id());
        exchange.setProperty(ORDER_NAME, order.name());
        exchange.getIn().setBody(order);
    }

    /** The order alone, without its JSON tree (read it when needed: {@link #tree}). */
    public ShopifyOrder parse(byte[] body) {
        return ShopifyPayload.identified(ShopifyPayload.value(json, body, ShopifyOrder.class, "order"), ShopifyOrder::id, "order");
    }

    /** The JSON tree of a body {@link #parse} read. */
    public JsonNode tree(byte[] body) {
        return ShopifyPayload.tree(json, body);
    }

    /** The order and its JSON tree (what configured field paths read). */
    public ShopifyPayload<ShopifyOrder> read(byte[] body) {
        ShopifyPayload<ShopifyOrder> payload = ShopifyPayload.read(json, body, ShopifyOrder.class, "order");
        ShopifyPayload.identified(payload.value(), ShopifyOrder::id, "order");
        return payload;
    }
}

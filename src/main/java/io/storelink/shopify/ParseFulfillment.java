package io.storelink.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Raw fulfillment bytes from Kafka into the typed {@link ShopifyFulfillment}. Without an order id there is no
 * Opportunity to write to, and without {@code updated_at} an older event could overwrite a newer one: both are
 * poison (dead letter, never retried).
 */
@Component("parseFulfillment")
public class ParseFulfillment implements Processor {

    /** Exchange property naming the fulfillment in log lines (its name, e.g. #1001.1, and id; never personal data). */
    public static final String FULFILLMENT_NAME = "shopifyFulfillmentName";
    /** Exchange property with the payload's JSON tree, for the configured field mapping. */
    public static final String PAYLOAD = "shopifyPayload";

    private final ObjectMapper json;

    public ParseFulfillment(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        ShopifyPayload<ShopifyFulfillment> payload = read(exchange.getIn().getBody(byte[].class));
        ShopifyFulfillment fulfillment = payload.value();
        exchange.setProperty(PAYLOAD, payload.json());
        // the order's id names the dead letter and the log lines, as on the order path
        exchange.setProperty(ParseOrder.ORDER_ID, fulfillment.orderId());
        exchange.setProperty(FULFILLMENT_NAME, fulfillment.name() != null ? fulfillment.name() : "id " + fulfillment.id());
        exchange.getIn().setBody(fulfillment);
    }

    public ShopifyFulfillment parse(byte[] body) {
        return read(body).value();
    }

    /** The fulfillment and its JSON tree (what configured field paths read). */
    public ShopifyPayload<ShopifyFulfillment> read(byte[] body) {
        ShopifyPayload<ShopifyFulfillment> payload = ShopifyPayload.read(json, body, ShopifyFulfillment.class, "fulfillment");
        ShopifyFulfillment fulfillment = payload.value();
        if (fulfillment == null || fulfillment.orderId() == null) {
            throw new PoisonPayloadException("fulfillment payload has no order_id", null);
        }
        if (fulfillment.updatedAt() == null) {
            throw new PoisonPayloadException("fulfillment payload has no updated_at", null);
        }
        return payload;
    }
}

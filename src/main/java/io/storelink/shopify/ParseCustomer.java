package io.storelink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.model.ShopifyCustomer;
import org.springframework.stereotype.Component;

/** Raw customers/create, update or delete bytes into the typed {@link ShopifyCustomer}; without an id it is poison. */
@Component
public class ParseCustomer {

    private final ObjectMapper json;

    public ParseCustomer(ObjectMapper json) {
        this.json = json;
    }

    /** The customer alone, without its JSON tree (read it when needed: {@link #tree}). */
    public ShopifyCustomer parse(byte[] body) {
        return ShopifyPayload.identified(ShopifyPayload.value(json, body, ShopifyCustomer.class, "customer"), ShopifyCustomer::id, "customer");
    }

    /** The JSON tree of a body {@link #parse} read. */
    public JsonNode tree(byte[] body) {
        return ShopifyPayload.tree(json, body);
    }

    public ShopifyPayload<ShopifyCustomer> read(byte[] body) {
        ShopifyPayload<ShopifyCustomer> payload = ShopifyPayload.read(json, body, ShopifyCustomer.class, "customer");
        ShopifyPayload.identified(payload.value(), ShopifyCustomer::id, "customer");
        return payload;
    }
}

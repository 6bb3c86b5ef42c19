package io.storelink.shopify;

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

    public ShopifyPayload<ShopifyCustomer> read(byte[] body) {
        ShopifyPayload<ShopifyCustomer> payload = ShopifyPayload.read(json, body, ShopifyCustomer.class, "customer");
        if (payload.value() == null || payload.value().id() == null) {
            throw new PoisonPayloadException("customer payload has no id", null);
        }
        return payload;
    }
}

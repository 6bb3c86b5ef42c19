package io.storelink.shopify;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Shapes a verified privacy webhook (customers/redact, customers/data_request, shop/redact, app/uninstalled) into its
 * Kafka record like {@link OrderWebhookToKafka} does for orders: raw body, Shopify's headers only, keyed by the
 * customer id (one customer's requests stay in order) or, for the shop-wide topics, the shop's domain. The payloads
 * are a few hundred bytes, so a tree is fine here; a body that is not JSON is enqueued as it is and dead-lettered by
 * the privacy route.
 */
@Component("privacyWebhookToKafka")
public class PrivacyWebhookToKafka implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        OrderWebhookToKafka.keepShopifyHeadersOnly(in);
        String key = key(in.getBody(byte[].class), in.getHeader(ShopifyHeaders.SHOP_DOMAIN, String.class));
        if (key != null) {
            in.setHeader(KafkaConstants.KEY, key);
        }
    }

    static String key(byte[] body, String shopDomainHeader) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode customer = json == null ? null : json.path("customer").path("id");
            if (customer != null && customer.isValueNode() && !customer.isNull()) {
                return customer.asText();
            }
            if (json != null && json.path("shop_domain").isTextual()) {
                return json.path("shop_domain").asText();
            }
        } catch (IOException notJson) {
            // the privacy route dead-letters it; the shop still names a partition
        }
        return shopDomainHeader;
    }
}

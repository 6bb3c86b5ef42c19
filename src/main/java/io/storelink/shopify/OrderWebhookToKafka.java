package io.storelink.shopify;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Shapes a verified order webhook into its Kafka record: the raw body stays as it is, the Shopify headers
 * become record headers, the customer (or order) id becomes the key. Every other HTTP header is dropped so
 * nothing else (cookies, proxies' headers, the signature) is written to Kafka.
 */
@Component("orderWebhookToKafka")
public class OrderWebhookToKafka implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        keepShopifyHeadersOnly(in);
        String key = OrderPartitionKey.of(in.getBody(byte[].class));
        if (key != null) {
            in.setHeader(KafkaConstants.KEY, key);
        }
    }

    /** Drops every header but Shopify's {@link ShopifyHeaders#CARRIED_TO_KAFKA}; shared by every webhook topic. */
    static void keepShopifyHeadersOnly(Message in) {
        Map<String, Object> carried = new HashMap<>();
        for (String name : ShopifyHeaders.CARRIED_TO_KAFKA) {
            String value = in.getHeader(name, String.class); // Camel's header map ignores case
            if (value != null) {
                carried.put(name, value);
            }
        }
        in.getHeaders().clear();
        in.getHeaders().putAll(carried);
    }
}

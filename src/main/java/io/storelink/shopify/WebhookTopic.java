package io.storelink.shopify;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Requires {@code X-Shopify-Topic} on a signed delivery: without it nothing says where the event goes, so it is a
 * 400 (Shopify always sends it). An unknown topic is not refused here: the route acknowledges and ignores it.
 */
@Component("webhookTopic")
public class WebhookTopic implements Processor {

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getIn().getHeader(ShopifyHeaders.TOPIC, String.class);
        if (topic == null || topic.isBlank()) {
            throw new WebhookRejectedException(400, "missing " + ShopifyHeaders.TOPIC + " header");
        }
    }
}

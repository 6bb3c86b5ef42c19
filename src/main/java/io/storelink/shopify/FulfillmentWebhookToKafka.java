package io.storelink.shopify;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Shapes a verified fulfillment webhook into its Kafka record like {@link OrderWebhookToKafka} does for orders (raw
 * body, the Shopify headers only), keyed by the order id so one order's fulfillment events stay in order.
 */
@Component("fulfillmentWebhookToKafka")
public class FulfillmentWebhookToKafka implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        OrderWebhookToKafka.keepShopifyHeadersOnly(in);
        String key = FulfillmentPartitionKey.of(in.getBody(byte[].class));
        if (key != null) {
            in.setHeader(KafkaConstants.KEY, key);
        }
    }
}

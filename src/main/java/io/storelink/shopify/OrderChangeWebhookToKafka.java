package io.storelink.shopify;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Shapes a verified refunds/create or orders/delete webhook into its Kafka record like {@link OrderWebhookToKafka}
 * (raw body, the Shopify headers only), keyed by the ORDER id (a refund's {@code order_id}, a deletion's {@code id}),
 * as fulfillments are: the events of one order that update its existing Opportunity share a partition, in order.
 */
@Component("orderChangeWebhookToKafka")
public class OrderChangeWebhookToKafka implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        boolean deletion = "orders/delete".equals(in.getHeader(ShopifyHeaders.TOPIC, String.class));
        OrderWebhookToKafka.keepShopifyHeadersOnly(in);
        byte[] body = in.getBody(byte[].class);
        // a deletion is only {"id": ...}: without a customer, the order key is its id
        String key = deletion ? OrderPartitionKey.of(body) : FulfillmentPartitionKey.of(body);
        if (key != null) {
            in.setHeader(KafkaConstants.KEY, key);
        }
    }
}

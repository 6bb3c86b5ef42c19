package io.storelink.shopify;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Shapes a verified refunds/create, orders/delete or orders/edited webhook into its Kafka record like
 * {@link OrderWebhookToKafka} (raw body, the Shopify headers only), keyed by the ORDER id (a refund's
 * {@code order_id}, a deletion's {@code id}, an edit's {@code order_edit.order_id}), as fulfillments are: the events
 * of one order that change its existing Opportunity share a partition, in order.
 */
@Component("orderChangeWebhookToKafka")
public class OrderChangeWebhookToKafka implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String topic = in.getHeader(ShopifyHeaders.TOPIC, String.class);
        OrderWebhookToKafka.keepShopifyHeadersOnly(in);
        byte[] body = in.getBody(byte[].class);
        String key = switch (topic == null ? "" : topic) {
            case "orders/delete" -> OrderPartitionKey.of(body); // only {"id": ...}: without a customer, the order id
            case "orders/edited" -> FulfillmentPartitionKey.ofOrderEdit(body); // only the edit, not the order
            default -> FulfillmentPartitionKey.of(body);
        };
        if (key != null) {
            in.setHeader(KafkaConstants.KEY, key);
        }
    }
}

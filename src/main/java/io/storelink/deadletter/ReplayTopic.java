package io.storelink.deadletter;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a replayed dead letter goes: back to the topic it was dead-lettered from ({@code storelink-source-topic}),
 * so an order event takes the order writer again and a fulfillment event the fulfillment writer. A dead letter
 * without that header can only come from the orders topic (the only writer before fulfillments had their own).
 */
@Component("replayTopic")
public class ReplayTopic {

    private final String ordersTopic;

    public ReplayTopic(@Value("${storelink.kafka.orders-topic}") String ordersTopic) {
        this.ordersTopic = ordersTopic;
    }

    public String of(Exchange exchange) {
        String source = exchange.getIn().getHeader(DeadLetterHeaders.SOURCE_TOPIC, String.class); // bytes from Kafka
        return source == null || source.isBlank() ? ordersTopic : source.trim();
    }
}

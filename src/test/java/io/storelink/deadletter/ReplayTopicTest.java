package io.storelink.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ReplayTopicTest {

    private final ReplayTopic topic = new ReplayTopic("shopify.orders");
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void aDeadLetterGoesBackToTheTopicItCameFrom() {
        Exchange e = new DefaultExchange(camel);
        // Kafka headers arrive as bytes
        e.getIn().setHeader(DeadLetterHeaders.SOURCE_TOPIC, "shopify.fulfillments".getBytes(StandardCharsets.UTF_8));
        assertThat(topic.of(e)).isEqualTo("shopify.fulfillments");
    }

    @Test
    void withoutItsSourceItCanOnlyBeAnOrderEvent() {
        assertThat(topic.of(new DefaultExchange(camel))).isEqualTo("shopify.orders");
    }
}

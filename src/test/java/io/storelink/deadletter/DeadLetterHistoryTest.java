package io.storelink.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.storelink.salesforce.SalesforceErrors;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What a dead letter's log line names: the order, else the event's topic and key, never a payload value. */
class DeadLetterHistoryTest {

    private final DeadLetterHistory history = new DeadLetterHistory(new SalesforceErrors());

    @Test
    void anOrderIsNamedByItsIdAndAnyOtherEventByItsTopicAndKey() {
        Exchange order = record("orders/create", "7001");
        order.setProperty(ParseOrder.ORDER_ID, "820982911946154508");
        history.process(order);
        assertThat(order.getProperty(DeadLetterHistory.SUBJECT)).isEqualTo("order 820982911946154508");
        assertThat(order.getIn().getHeader(DeadLetterHeaders.ORDER_ID)).isEqualTo("820982911946154508");

        Exchange customer = record("customers/update", "706405506930370084");
        history.process(customer);
        assertThat(customer.getProperty(DeadLetterHistory.SUBJECT)).isEqualTo("customers/update event (key 706405506930370084)");
        assertThat(customer.getIn().getHeader(DeadLetterHeaders.ORDER_ID)).isNull();
    }

    private static Exchange record(String topic, String key) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getIn().setHeader(ShopifyHeaders.TOPIC, topic.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // as Kafka hands it
        e.getIn().setHeader(KafkaConstants.KEY, key);
        e.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("refused"));
        return e;
    }
}

package io.storelink.deadletter;

import static io.storelink.deadletter.DeadLetterHeaders.*;

import java.time.Instant;

import io.storelink.salesforce.SalesforceErrors;
import io.storelink.shopify.ParseOrder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Adds the failure's story to a dead letter: error class, Salesforce errorCodes and fields, message, attempts,
 * first and last failure time, where the record came from and, once parsed, which Shopify order it is about (else
 * its topic and key, for the log line). A replayed record that fails again adds its new attempts to the old count and
 * keeps its first failure time.
 */
@Component("deadLetterHistory")
public class DeadLetterHistory implements Processor {

    /** Exchange property: what the dead letter is about, for the log line (routes/dead-letters.camel.yaml). */
    public static final String SUBJECT = "deadLetterSubject";

    private final SalesforceErrors errors;

    public DeadLetterHistory(SalesforceErrors errors) {
        this.errors = errors;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message m = exchange.getIn();
        Instant now = Instant.now();
        int attempts = Math.max(1, exchange.getProperty(FailureClock.COUNT, 0, Integer.class));
        int previous = parseIntOrZero(m.getHeader(ATTEMPTS, String.class)); // Kafka headers arrive as bytes
        Instant first = exchange.getProperty(FailureClock.FIRST, now, Instant.class);

        m.setHeader(ERROR_CLASS, errors.classify(failure).name());
        m.setHeader(ERROR_CODES, String.join(",", SalesforceErrors.errorCodes(failure)));
        m.setHeader(ERROR_FIELDS, String.join(",", SalesforceErrors.errorFields(failure)));
        m.setHeader(ERROR_MESSAGE, failure == null ? "" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        m.setHeader(ATTEMPTS, Integer.toString(previous + attempts));
        if (m.getHeader(FIRST_FAILURE) == null) {
            m.setHeader(FIRST_FAILURE, first.toString());
        }
        m.setHeader(LAST_FAILURE, exchange.getProperty(FailureClock.LAST, now, Instant.class).toString());
        m.setHeader(SOURCE_TOPIC, m.getHeader(KafkaConstants.TOPIC, String.class));
        m.setHeader(SOURCE_PARTITION, m.getHeader(KafkaConstants.PARTITION, String.class));
        m.setHeader(SOURCE_OFFSET, m.getHeader(KafkaConstants.OFFSET, String.class));
        // the key of a fulfillment event is its order id, that of an order event the customer id: name the order
        String orderId = exchange.getProperty(ParseOrder.ORDER_ID, String.class);
        if (orderId != null) {
            m.setHeader(ORDER_ID, orderId);
        }
        exchange.setProperty(SUBJECT, subject(orderId, m));
    }

    /**
     * What the dead letter's log line names: the order, else the event's topic and Kafka key (a customer id, or a
     * shop's domain for the shop-wide privacy topics: never personal data).
     */
    private static String subject(String orderId, Message m) {
        if (orderId != null) {
            return "order " + orderId;
        }
        String topic = m.getHeader(io.storelink.shopify.ShopifyHeaders.TOPIC, String.class);
        Object key = m.getHeader(KafkaConstants.KEY);
        return (topic == null ? "event" : topic + " event") + (key == null ? "" : " (key " + key + ")");
    }

    static int parseIntOrZero(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

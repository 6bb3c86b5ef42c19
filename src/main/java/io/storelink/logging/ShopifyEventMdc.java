package io.storelink.logging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storelink.deadletter.DeadLetterHeaders;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the Shopify event an exchange carries into the log MDC before every route step: {@code shopify.webhook_id},
 * {@code shopify.topic} (from the webhook's request headers in the intake, from the Kafka record headers in the
 * writers) and {@code shopify.order_id} (once the writer has parsed the order). So every line of an event's path,
 * the error handler's and dead-letter lines included, names the event, in text and in JSON logs.
 * <p>
 * Hand-written because Camel's MDC logging ({@code camel.main.use-mdc-logging}) only knows Camel's own keys
 * (exchange, route) and copies custom ones ({@code mdc-logging-keys-pattern}) but never sets them from the message;
 * and because its unit of work clears them only when the exchange is done, which for an asynchronous Salesforce call
 * is on another thread, leaving the consumer thread's later lines with a stale event. This class carries its keys
 * across threads itself, so {@code mdc-logging-keys-pattern} is not set: Camel matches it against every MDC key of
 * every exchange with a regular expression compiled each time (5 % of a cold intake's CPU). Kafka headers arrive as bytes:
 * Camel's type converter reads them as text. Camel picks this bean up as an {@link InterceptStrategy}.
 */
@Component
public class ShopifyEventMdc implements InterceptStrategy {

    public static final String WEBHOOK_ID = "shopify.webhook_id";
    public static final String ORDER_ID = "shopify.order_id";
    public static final String TOPIC = "shopify.topic";
    private static final List<String> KEYS = List.of(WEBHOOK_ID, ORDER_ID, TOPIC);

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        AsyncProcessor step = AsyncProcessorConverterHelper.convert(target);
        return new DelegateAsyncProcessor(step) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                // the callback carries on routing, and the error handler logs in it, possibly on another thread
                // (the Salesforce client's, Kafka's): the keys are set there too, and each thread gets back what it had
                Map<String, String> before = put(exchange);
                try {
                    return super.process(exchange, doneSync -> {
                        Map<String, String> callerKeys = put(exchange);
                        try {
                            callback.done(doneSync);
                        } finally {
                            restore(callerKeys);
                        }
                    });
                } finally {
                    restore(before);
                }
            }
        };
    }

    /** Sets (or removes) the three keys from what the exchange carries now; returns the values they had. */
    public static Map<String, String> put(Exchange exchange) {
        Map<String, String> before = new HashMap<>();
        for (String key : KEYS) {
            before.put(key, MDC.get(key));
        }
        set(WEBHOOK_ID, exchange.getMessage().getHeader(ShopifyHeaders.WEBHOOK_ID, String.class));
        set(TOPIC, exchange.getMessage().getHeader(ShopifyHeaders.TOPIC, String.class));
        String orderId = exchange.getProperty(ParseOrder.ORDER_ID, String.class);
        set(ORDER_ID, orderId != null ? orderId : exchange.getMessage().getHeader(DeadLetterHeaders.ORDER_ID, String.class));
        return before;
    }

    public static void restore(Map<String, String> values) {
        values.forEach(ShopifyEventMdc::set);
    }

    private static void set(String key, String value) {
        if (value == null || value.isBlank()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}

package io.storelink.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Raw privacy webhook bytes from Kafka into a {@link PrivacyRequest} (the body), its customer id as a property for
 * log lines and file names. Not JSON, or a customer request without a customer id: poison (dead letter).
 */
@Component("parsePrivacyRequest")
public class ParsePrivacyRequest implements Processor {

    public static final String REQUEST = "privacyRequest";
    public static final String CUSTOMER_ID = "privacyCustomerId";

    private final ObjectMapper json;

    public ParsePrivacyRequest(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        PrivacyRequest request = PrivacyRequest.parse(json, in.getBody(byte[].class), in.getHeader(ShopifyHeaders.TOPIC, String.class),
                in.getHeader(ShopifyHeaders.SHOP_DOMAIN, String.class), in.getHeader(ShopifyHeaders.TRIGGERED_AT, String.class));
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(CUSTOMER_ID, request.customerId());
        in.setBody(request);
    }
}

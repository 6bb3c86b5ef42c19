package io.storelink.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Raw privacy webhook bytes from Kafka into a {@link PrivacyRequest} (the body), its customer id and shop as properties
 * for log lines and file names (the shop from the signed payload: the header is not covered by the signature). Not JSON, or a customer request without a customer id: poison (dead letter).
 */
@Component("parsePrivacyRequest")
public class ParsePrivacyRequest implements Processor {

    public static final String REQUEST = "privacyRequest";
    public static final String CUSTOMER_ID = "privacyCustomerId";
    /** The shop's domain from the signed payload, fit for a file name (no path separators). */
    public static final String SHOP = "privacyShop";

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
        exchange.setProperty(SHOP, request.shop() == null ? "unknown-shop" : request.shop().replaceAll("[^A-Za-z0-9.-]", "_"));
        in.setBody(request);
    }
}

package io.storelink.shopify;

import java.util.List;

/** Shopify's webhook headers, spelled as Shopify documents them (HTTP itself is case-insensitive). */
public final class ShopifyHeaders {

    public static final String TOPIC = "X-Shopify-Topic";
    public static final String HMAC = "X-Shopify-Hmac-Sha256";
    public static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";
    public static final String API_VERSION = "X-Shopify-API-Version";
    public static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String EVENT_ID = "X-Shopify-Event-Id";
    public static final String TRIGGERED_AT = "X-Shopify-Triggered-At";

    /** What travels with the raw body to Kafka: enough to dedupe, route and trace a delivery. */
    public static final List<String> CARRIED_TO_KAFKA =
            List.of(TOPIC, SHOP_DOMAIN, WEBHOOK_ID, EVENT_ID, TRIGGERED_AT, API_VERSION);

    /** Kafka header telling an event a poller read from the Admin API from a delivered webhook (value: the job). */
    public static final String SOURCE = "storelink-source";

    /**
     * Headers of an event a poller put on Kafka, shaped like a delivery's so the writer cannot tell the difference;
     * {@link #SOURCE} says where it came from.
     */
    public static void polled(org.apache.camel.Message message, String topic, String shopDomain, String apiVersion,
                              String triggeredAt, String job) {
        message.getHeaders().clear();
        message.setHeader(TOPIC, topic);
        message.setHeader(SHOP_DOMAIN, shopDomain);
        message.setHeader(API_VERSION, apiVersion);
        message.setHeader(TRIGGERED_AT, triggeredAt);
        message.setHeader(SOURCE, job);
    }

    private ShopifyHeaders() {
    }
}

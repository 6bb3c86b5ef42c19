package io.storelink.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.builder.NotifyBuilder;
import org.awaitility.Awaitility;

/**
 * What the order change ITs share: orders synced to Salesforce and known to the Shopify Admin fake, Shopify's sample
 * refunds/create and orders/delete payloads with the test's ids, and a wait for the writer to finish deliveries.
 */
abstract class OrderChangesSupport extends BridgeTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The route order changes enter by (the fulfillments topic's consumer), which hands them to their own route. */
    static final String CONSUMER = "fulfillments-to-salesforce";
    static final String REFUNDED = "Shopify_Total_Refunded__c";

    /** An order in the store (the Admin fake) and, through an orders/create webhook, in Salesforce. */
    ObjectNode syncedOrder() throws Exception {
        ObjectNode order = orders.nextOrder();
        SHOPIFY_ADMIN.putOrder(order);
        String id = order.get("id").asText();
        if (shopify().send("orders/create", order).statusCode() != 200) {
            throw new AssertionError("orders/create not accepted");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> opportunity(id).isPresent());
        return order;
    }

    /** Shopify's sample refunds/create payload, for the refund {@code refundId} of the order. */
    static byte[] refund(String orderId, long refundId) {
        ObjectNode r = sample("refunds__create.json");
        r.put("id", refundId);
        r.put("order_id", Long.parseLong(orderId));
        return OrderFactory.bytes(r);
    }

    /** Shopify's sample orders/delete payload ({"id": ...}) for the order. */
    static byte[] deletion(String orderId) {
        ObjectNode d = sample("orders__delete.json");
        d.put("id", Long.parseLong(orderId));
        return OrderFactory.bytes(d);
    }

    private static ObjectNode sample(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07", file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers and waits until the writer has finished (written, skipped or dead-lettered) each delivery once. */
    void deliverAndAwait(WebhookSender.Delivery... deliveries) throws Exception {
        NotifyBuilder done = done(deliveries.length, deliveries);
        for (WebhookSender.Delivery d : deliveries) {
            if (shopify().deliver(d).statusCode() != 200) {
                throw new AssertionError(d.topic() + " not accepted");
            }
        }
        if (!done.matches(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("writer did not finish " + deliveries.length + " deliveries");
        }
    }

    /** Delivers the same webhook again (same id and body, as Shopify retries) and waits until the writer finished it. */
    void redeliverAndAwait(WebhookSender.Delivery d) throws Exception {
        NotifyBuilder again = done(1, d);
        if (shopify().redeliver(d).statusCode() != 200) {
            throw new AssertionError(d.topic() + " redelivery not accepted");
        }
        if (!again.matches(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("writer did not finish the redelivery");
        }
    }

    NotifyBuilder done(int exchanges, WebhookSender.Delivery... deliveries) {
        Set<String> ids = Arrays.stream(deliveries).map(WebhookSender.Delivery::webhookId).collect(Collectors.toSet());
        return new NotifyBuilder(camel).fromRoute(CONSUMER)
                .filter(e -> ids.contains(e.getIn().getHeader("X-Shopify-Webhook-Id", String.class)))
                .whenDone(exchanges).create();
    }

    static Optional<Map<String, Object>> opportunity(String orderId) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId);
    }

    static BigDecimal refunded(String orderId) {
        Object v = opportunity(orderId).orElseThrow().get(REFUNDED);
        return v == null ? null : new BigDecimal(String.valueOf(v));
    }

    long deadLettersOf(WebhookSender.Delivery d) {
        return readAll(DEAD_LETTER_TOPIC).stream().filter(r -> d.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id"))).count();
    }
}

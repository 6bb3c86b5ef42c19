package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.fakes.shopify.WebhookSigner;
import io.storelink.shopify.WebhookCounter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The webhook endpoint over real HTTP, checked against what lands (or does not land) in the Kafka topic. */
class WebhookIntakeIT extends BridgeTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    @Test
    void verifiedOrderIsEnqueuedAsTheExactBytesWithShopifyHeadersKeyedByCustomer() throws Exception {
        ObjectNode order = orders.companyOrder();
        byte[] body = OrderFactory.bytes(order);
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", body);

        HttpResponse<String> response = shopify().deliver(delivery);

        assertThat(response.statusCode()).isEqualTo(200);
        ConsumerRecord<String, byte[]> record = readAll(ORDERS_TOPIC).stream()
                .filter(r -> delivery.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id")))
                .findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo(order.get("customer").get("id").asText());
        assertThat(headers(record)).containsAllEntriesOf(Map.of(
                "X-Shopify-Topic", "orders/create",
                "X-Shopify-Shop-Domain", SHOP,
                "X-Shopify-Event-Id", delivery.eventId(),
                "X-Shopify-Triggered-At", delivery.triggeredAt(),
                "X-Shopify-API-Version", WebhookSender.API_VERSION));
        // nothing but the Shopify headers: no signature, no HTTP plumbing
        assertThat(headers(record).keySet()).allMatch(h -> h.startsWith("X-Shopify-"))
                .doesNotContain("X-Shopify-Hmac-Sha256");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-shopify"));
    }

    @Test
    void guestOrderIsKeyedByOrderId() throws Exception {
        ObjectNode order = orders.guestOrder(null);
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));

        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);

        ConsumerRecord<String, byte[]> record = readAll(ORDERS_TOPIC).stream()
                .filter(r -> delivery.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id")))
                .findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(order.get("id").asText());
    }

    @Test
    void aWebhookOfSeveralMegabytesIsStoredWhole() throws Exception {
        // Kafka's producers refuse records over 1 MB by default; Shopify may send up to storelink.shopify.max-webhook-size
        ObjectNode order = orders.nextOrder();
        order.put("note", "x".repeat(3_000_000));
        long before = recordsIn(ORDERS_TOPIC);

        assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before + 1);
    }

    @Test
    void signatureFromTheSecondSecretOfARotationIsAccepted() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        assertThat(shopifySigningWith(PREVIOUS_SECRET).send("orders/create", orders.nextOrder()).statusCode()).isEqualTo(200);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before + 1);
    }

    @Test
    void wrongSecretIsRefusedWith401AndNothingIsEnqueued() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);

        HttpResponse<String> response = shopifySigningWith("not-the-secret").send("orders/create", orders.nextOrder());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void tamperedBodyIsRefused() throws Exception {
        byte[] body = OrderFactory.bytes(orders.nextOrder());
        String signature = WebhookSigner.sign(body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replaceFirst("\"total_price\":\"", "\"total_price\":\"1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);
        long before = recordsIn(ORDERS_TOPIC);

        assertThat(post(tampered, Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Hmac-Sha256", signature)).statusCode())
                .isEqualTo(401);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void missingSignatureIsRefused() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        HttpResponse<String> response = post(OrderFactory.bytes(orders.nextOrder()), Map.of("X-Shopify-Topic", "orders/create"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("missing");
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void bodyThatIsNotUtf8IsVerifiedOnItsExactBytes() throws Exception {
        byte[] latin1 = "{\"id\":820982911946154508,\"note\":\"S\u00f8ren \u00c6r\u00f8\"}".getBytes(StandardCharsets.ISO_8859_1);
        long before = recordsIn(ORDERS_TOPIC);

        HttpResponse<String> good = post(latin1, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", WebhookSigner.sign(latin1, SECRET), "X-Shopify-Webhook-Id", "latin1-good"));
        HttpResponse<String> bad = post(latin1, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", WebhookSigner.sign(latin1, "wrong")));

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before + 1);
        ConsumerRecord<String, byte[]> record = readAll(ORDERS_TOPIC).stream()
                .filter(r -> "latin1-good".equals(headers(r).get("X-Shopify-Webhook-Id"))).findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo(latin1);
    }

    @Test
    void otherTopicsAreAcknowledgedButNotEnqueued() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        assertThat(shopify().send("customers/enable", "{\"id\":1}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void bodyOverFiveMebibytesGets413() throws Exception {
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        long before = recordsIn(ORDERS_TOPIC);

        HttpResponse<String> response = post(huge, Map.of("X-Shopify-Topic", "orders/create",
                "X-Shopify-Hmac-Sha256", WebhookSigner.sign(huge, SECRET)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(webhookUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(webhookUri())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void formEncodedBodyWithoutSignatureIsRefusedWith401NotParsed() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        // what `curl -d hello` sends: not key=value pairs, which camel-platform-http would fail to parse (500)
        for (String body : List.of("hello", "a=b&c", "%zz=%", "")) {
            HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Shopify-Topic", "orders/create"));
            assertThat(response.statusCode()).as(body).isEqualTo(401);
        }
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void multipartBodyWithoutSignatureIsRefusedWith401() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        for (String type : List.of("multipart/form-data; boundary=xyz", "multipart/form-data", "Multipart/Mixed")) {
            HttpResponse<String> response = post("--xyz\r\ngarbage".getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", type, "X-Shopify-Topic", "orders/create"));
            assertThat(response.statusCode()).as(type).isEqualTo(401);
        }
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
    }

    @Test
    void signedBodyIsVerifiedOnItsExactBytesWhateverItsContentType() throws Exception {
        byte[] body = "a=b&c=%zz&X-Shopify-Topic=customers%2Fupdate".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = post(body, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Shopify-Topic", "orders/create", "X-Shopify-Hmac-Sha256", WebhookSigner.sign(body, SECRET),
                "X-Shopify-Webhook-Id", "form-encoded-signed"));

        assertThat(response.statusCode()).isEqualTo(200);
        ConsumerRecord<String, byte[]> record = readAll(ORDERS_TOPIC).stream()
                .filter(r -> "form-encoded-signed".equals(headers(r).get("X-Shopify-Webhook-Id"))).findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo(body); // not a Map of form fields, not re-encoded
        assertThat(headers(record)).containsEntry("X-Shopify-Topic", "orders/create");
    }

    @Test
    void signedDeliveryWithoutTopicGets400AndNothingIsEnqueued() throws Exception {
        byte[] body = OrderFactory.bytes(orders.nextOrder());
        long before = recordsIn(ORDERS_TOPIC);
        double badRequests = webhooks("none", "bad_request");

        HttpResponse<String> response = post(body, Map.of("X-Shopify-Hmac-Sha256", WebhookSigner.sign(body, SECRET)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("X-Shopify-Topic");
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
        assertThat(webhooks("none", "bad_request")).isEqualTo(badRequests + 1);
    }

    @Test
    void outcomesAreCountedWithBoundedTopicTags() throws Exception {
        double accepted = webhooks("orders/create", "accepted");
        double ignored = webhooks("customers/enable", "ignored");
        double unauthorized = webhooks("orders/create", "unauthorized");
        double otherUnauthorized = webhooks("other", "unauthorized");
        double otherIgnored = webhooks("other", "ignored");

        assertThat(shopify().send("orders/create", orders.nextOrder()).statusCode()).isEqualTo(200);
        assertThat(shopify().send("customers/enable", "{\"id\":1}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(shopifySigningWith("wrong").send("orders/create", orders.nextOrder()).statusCode()).isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            String garbage = "garbage/" + UUID.randomUUID();
            assertThat(post("{}".getBytes(), Map.of("X-Shopify-Topic", garbage)).statusCode()).isEqualTo(401);
            assertThat(shopify().send(garbage, "{}".getBytes()).statusCode()).isEqualTo(200); // signed: acknowledged
        }

        assertThat(webhooks("orders/create", "accepted")).isEqualTo(accepted + 1);
        assertThat(webhooks("customers/enable", "ignored")).isEqualTo(ignored + 1);
        assertThat(webhooks("orders/create", "unauthorized")).isEqualTo(unauthorized + 1);
        assertThat(webhooks("other", "unauthorized")).isEqualTo(otherUnauthorized + 5);
        assertThat(webhooks("other", "ignored")).isEqualTo(otherIgnored + 5);
        assertThat(meters.find(WebhookCounter.NAME).counters()).noneMatch(c -> c.getId().getTag("topic").startsWith("garbage"));
    }

    @Test
    void whileTheRouteIsNotRunningTheEndpointAnswers503() throws Exception {
        long before = recordsIn(ORDERS_TOPIC);
        double unavailable = webhooks("orders/create", "unavailable");
        camel.getRouteController().stopRoute("shopify-webhooks");
        try {
            HttpResponse<String> signed = shopify().send("orders/create", orders.nextOrder());
            HttpResponse<String> unsigned = post("{}".getBytes(), Map.of("X-Shopify-Topic", "orders/create"));

            assertThat(signed.statusCode()).isEqualTo(503);
            assertThat(signed.body()).contains("retry later");
            assertThat(unsigned.statusCode()).isEqualTo(503);
            assertThat(webhooks("orders/create", "unavailable")).isEqualTo(unavailable + 2);
        } finally {
            camel.getRouteController().startRoute("shopify-webhooks");
        }
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before);
        assertThat(shopify().send("orders/create", orders.nextOrder()).statusCode()).isEqualTo(200);
        assertThat(post("{}".getBytes(), Map.of("X-Shopify-Topic", "orders/create")).statusCode()).isEqualTo(401);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(before + 1);
    }

    @Test
    void otherPathsUnderWebhooksAreNotGatedAndNotPublic() throws Exception {
        URI other = URI.create(webhookUri() + "-nope");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(other)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("only the webhook itself is public").isEqualTo(401);
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(other).header("Authorization", consoleAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).as("nothing there, and no 503 from the intake's gate").isEqualTo(404);
    }

    private double webhooks(String topic, String outcome) {
        Counter counter = meters.find(WebhookCounter.NAME).tag("topic", topic).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUri().toString()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.fakes.shopify.WebhookSigner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The webhook endpoint over real HTTP, checked against what lands (or does not land) in the Kafka topic. */
class WebhookIntakeTest extends BridgeTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

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
        assertThat(shopify().send("customers/update", "{\"id\":1}".getBytes()).statusCode()).isEqualTo(200);
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

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUri().toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderIT {

    private static final String SECRET = "hush-hush-shopify-secret";
    // Non-ASCII on purpose: the HMAC covers UTF-8 bytes, not chars.
    private static final byte[] BODY = "{\"id\":820982911946154508,\"email\":\"zoë@example.com\",\"total_price\":\"409.94\"}"
            .getBytes(StandardCharsets.UTF_8);

    record Captured(Headers headers, byte[] body) {}

    private HttpServer server;
    private final List<Captured> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private URI endpoint;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/shopify", ex -> {
            requests.add(new Captured(ex.getRequestHeaders(), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/shopify");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void signatureMatchesKnownVector() throws Exception {
        // Computed outside Java: `printf '%s' BODY | openssl dgst -sha256 -hmac SECRET -binary | base64`,
        // identical to Node's crypto.createHmac('sha256', secret).update(rawBody).digest('base64').
        assertThat(WebhookSigner.sign(BODY, SECRET)).isEqualTo("mrTdA6IwjzG3b7LnrfWgVEtJu/y7U8TTfqQRi0/04pg=");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(WebhookSigner.sign(BODY, SECRET)).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(BODY)));
        assertThat(WebhookSigner.sign(BODY, "other secret")).isNotEqualTo(WebhookSigner.sign(BODY, SECRET));
    }

    @Test
    void sendsShopifyHeadersAndTheExactSignedBytes() throws Exception {
        ObjectNode order = new OrderFactory(9).nextOrder();
        byte[] bytes = OrderFactory.bytes(order);
        HttpResponse<String> r = new WebhookSender(endpoint, SECRET, "storelink-sandbox.myshopify.com").send("orders/create", order);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(requests).hasSize(1);
        Captured c = requests.get(0);
        Headers h = c.headers();
        assertThat(c.body()).isEqualTo(bytes);
        assertThat(h.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(h.getFirst("X-Shopify-Topic")).isEqualTo("orders/create");
        assertThat(h.getFirst("X-Shopify-Shop-Domain")).isEqualTo("storelink-sandbox.myshopify.com");
        assertThat(h.getFirst("X-Shopify-API-Version")).isEqualTo("2026-07");
        assertThat(UUID.fromString(h.getFirst("X-Shopify-Webhook-Id"))).isNotNull();
        assertThat(UUID.fromString(h.getFirst("X-Shopify-Event-Id"))).isNotNull();
        assertThat(h.getFirst("X-Shopify-Triggered-At")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(h.getFirst("X-Shopify-Order-Id")).isEqualTo(Long.toString(order.get("id").asLong()));
        // What the bridge must do: HMAC over the received bytes, constant-time compare.
        byte[] expected = WebhookSigner.sign(c.body(), SECRET).getBytes(StandardCharsets.US_ASCII);
        assertThat(MessageDigest.isEqual(expected, h.getFirst("X-Shopify-Hmac-Sha256").getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void rawBytesAreSentUntouchedAndNonOrderTopicsHaveNoOrderId() throws Exception {
        WebhookSender sender = new WebhookSender(endpoint, SECRET, "a.myshopify.com");
        sender.send("customers/redact", "{\"shop_id\":954889,\"customer\":{\"id\":191167}}".getBytes(StandardCharsets.UTF_8));
        sender.send("orders/create", BODY);
        sender.send("orders/create", "not json {".getBytes(StandardCharsets.UTF_8));

        assertThat(requests.get(0).headers().getFirst("X-Shopify-Order-Id")).isNull();
        assertThat(requests.get(1).body()).isEqualTo(BODY);
        assertThat(requests.get(1).headers().getFirst("X-Shopify-Hmac-Sha256")).isEqualTo("mrTdA6IwjzG3b7LnrfWgVEtJu/y7U8TTfqQRi0/04pg=");
        assertThat(requests.get(1).headers().getFirst("X-Shopify-Order-Id")).isEqualTo("820982911946154508");
        assertThat(requests.get(2).headers().getFirst("X-Shopify-Order-Id")).isNull();
    }

    @Test
    void redeliverRepeatsTheSameDeliveryAndSendMakesANewOne() throws Exception {
        WebhookSender sender = new WebhookSender(endpoint, SECRET, "a.myshopify.com");
        status.set(503);
        WebhookSender.Delivery d = sender.prepare("orders/create", BODY);
        assertThat(sender.deliver(d).statusCode()).isEqualTo(503); // non-2xx is returned, not thrown
        status.set(200);
        assertThat(sender.redeliver(d).statusCode()).isEqualTo(200);
        sender.send("orders/create", BODY);

        Headers first = requests.get(0).headers(), retry = requests.get(1).headers(), fresh = requests.get(2).headers();
        for (String k : List.of("X-Shopify-Webhook-Id", "X-Shopify-Event-Id", "X-Shopify-Triggered-At", "X-Shopify-Hmac-Sha256")) {
            assertThat(retry.getFirst(k)).as(k).isEqualTo(first.getFirst(k));
        }
        assertThat(retry.getFirst("X-Shopify-Webhook-Id")).isEqualTo(d.webhookId());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(fresh.getFirst("X-Shopify-Webhook-Id")).isNotEqualTo(first.getFirst("X-Shopify-Webhook-Id"));
    }
}

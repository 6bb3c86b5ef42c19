package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Posts webhooks the way Shopify does: signed raw bytes, Shopify's headers, HTTP/1.1, 1 s to
 * connect and 5 s in total (Shopify counts anything slower as a failure). Non-2xx answers are
 * returned, not thrown; only I/O failures (refused, timeout) throw.
 */
public final class WebhookSender {

    public static final String API_VERSION = "2026-07";
    private static final DateTimeFormatter TRIGGERED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One delivery. Shopify retries a failed delivery with the same webhook id, event id, trigger
     * time and body, which is what makes X-Shopify-Webhook-Id the dedupe key; hence
     * {@link #redeliver} re-sends a Delivery unchanged. {@code orderId} is null when not an order.
     */
    public record Delivery(String topic, byte[] body, String webhookId, String eventId, String triggeredAt,
                           String orderId) {}

    private final URI endpoint;
    private final String secret;
    private final String shopDomain;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER) // Shopify treats 3xx as failure, so must we
            .build();

    public WebhookSender(URI endpoint, String secret, String shopDomain) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.shopDomain = shopDomain;
    }

    public HttpResponse<String> send(String topic, ObjectNode payload) throws IOException, InterruptedException {
        return send(topic, OrderFactory.bytes(payload));
    }

    public HttpResponse<String> send(String topic, byte[] body) throws IOException, InterruptedException {
        return deliver(prepare(topic, body));
    }

    /** A new delivery (fresh webhook and event id, triggered now) without sending it. */
    public Delivery prepare(String topic, byte[] body) {
        return new Delivery(topic, body.clone(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                TRIGGERED_AT.format(Instant.now().truncatedTo(ChronoUnit.MICROS)), orderId(topic, body));
    }

    /** Sends {@code d}; the first attempt and retries are the same request. */
    public HttpResponse<String> deliver(Delivery d) throws IOException, InterruptedException {
        return http.send(request(d).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request Shopify sends for {@code d}, to send with more headers. */
    public HttpRequest.Builder request(Delivery d) {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Shopify-Captain-Hook")
                .header("X-Shopify-Topic", d.topic())
                .header("X-Shopify-Hmac-Sha256", WebhookSigner.sign(d.body(), secret))
                .header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-API-Version", API_VERSION)
                .header("X-Shopify-Webhook-Id", d.webhookId())
                .header("X-Shopify-Event-Id", d.eventId())
                .header("X-Shopify-Triggered-At", d.triggeredAt())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        if (d.orderId() != null) req.header("X-Shopify-Order-Id", d.orderId());
        return req;
    }

    /** A Shopify retry of {@code d}: same webhook id, event id, trigger time, body and signature. */
    public HttpResponse<String> redeliver(Delivery d) throws IOException, InterruptedException {
        return deliver(d);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The order id as text (never via double): top-level id for orders/*, order_id for refunds etc. */
    private static String orderId(String topic, byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode id = n == null ? null : topic.startsWith("orders/") ? n.get("id") : n.get("order_id");
            return id != null && id.isIntegralNumber() ? id.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null; // tests send broken bodies on purpose
        }
    }
}

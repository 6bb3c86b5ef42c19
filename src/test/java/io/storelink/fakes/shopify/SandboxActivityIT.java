package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox store's other topics: each is sent, signed over its exact bytes with the shop's secret, in the shape of
 * Shopify's sample payload, and about what the store sent and its Admin API fake holds (a refund the fake recorded,
 * an edit the fake shows, a redaction of a customer and orders the store sent).
 */
class SandboxActivityIT {

    private static final String SECRET = "sandbox-activity-secret";
    private static final String SHOP = "storelink-sandbox.myshopify.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOPICS = Set.of("orders/create", "customers/create", "customers/update",
            "refunds/create", "orders/edited", "customers/redact");

    record Received(String topic, String hmac, byte[] body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer bridge;
    private FakeShopifyAdmin admin;

    @BeforeEach
    void start() throws Exception {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bridge.createContext("/webhooks/shopify", ex -> {
            received.add(new Received(ex.getRequestHeaders().getFirst("X-Shopify-Topic"),
                    ex.getRequestHeaders().getFirst("X-Shopify-Hmac-Sha256"), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        bridge.start();
        admin = FakeShopifyAdmin.start(0);
    }

    @AfterEach
    void stop() {
        bridge.stop(0);
        admin.close();
    }

    @Test
    void sendsEachTopicSignedInShopifysShapeAboutWhatTheStoreSentAndItsAdminApiShows() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + bridge.getAddress().getPort() + "/webhooks/shopify");
        OrderFactory factory = new OrderFactory(11);
        try (SandboxStore store = new SandboxStore(new WebhookSender(uri, SECRET, SHOP), factory, 20, Duration.ofMillis(20));
             // every event on every 50 ms tick; orders are refunded or edited as soon as they are sold
             SandboxActivity activity = new SandboxActivity(admin, factory, store, SHOP,
                     new SandboxActivity.Rates(1200, 1200, 1200, 72_000), Duration.ZERO, Duration.ofMillis(50), new Random(5))) {
            store.recordingSales(order -> {
                admin.putOrder(order);
                activity.sold(order);
            }, 0);
            store.start();
            activity.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> topics().containsAll(TOPICS));
        }

        for (Received r : received) {
            assertThat(r.hmac()).as(r.topic() + " signed over its exact bytes").isEqualTo(hmac(r.body()));
        }
        assertShape("customers/create", "webhooks-2026-07/customers__create.json");
        assertShape("customers/update", "webhooks-2026-07/customers__update.json");
        assertShape("refunds/create", "webhooks-2026-07/refunds__create.json");
        assertShape("customers/redact", "privacy/customers__redact.json");
        Set<String> editFields = fields(sample("webhooks-2026-07/orders__edited.json").get("order_edit"));
        for (Received r : of("orders/edited")) {
            assertThat(fields(r.json())).containsExactly("order_edit"); // only the edit, never the order
            assertThat(fields(r.json().get("order_edit"))).containsAll(editFields);
        }

        Set<Long> ordersSent = ids("orders/create", "id");
        Set<Long> customersSent = new HashSet<>(ids("customers/create", "id"));
        for (Received r : of("orders/create")) {
            JsonNode c = r.json().get("customer");
            if (c != null && c.isObject()) customersSent.add(c.get("id").asLong());
        }
        assertThat(ids("customers/update", "id")).isSubsetOf(ids("customers/create", "id"));
        for (Received r : of("refunds/create")) {
            JsonNode refund = r.json();
            assertThat(ordersSent).contains(refund.get("order_id").asLong());
            // the Admin API fake reports the refund, so the order's totalRefundedSet includes it
            List<Long> refundIds = new ArrayList<>();
            admin.order(refund.get("order_id").asLong()).path("refunds").forEach(f -> refundIds.add(f.get("id").asLong()));
            assertThat(refundIds).contains(refund.get("id").asLong());
            assertThat(refund.get("transactions").get(0).get("kind").asText()).isEqualTo("refund");
        }
        for (Received r : of("orders/edited")) {
            JsonNode edit = r.json().get("order_edit");
            assertThat(ordersSent).contains(edit.get("order_id").asLong());
            // the Admin API fake returns the edited order: the added line is in it
            List<Long> lineIds = new ArrayList<>();
            admin.order(edit.get("order_id").asLong()).path("line_items").forEach(l -> lineIds.add(l.get("id").asLong()));
            assertThat(lineIds).contains(edit.get("line_items").get("additions").get(0).get("id").asLong());
        }
        for (Received r : of("customers/redact")) {
            JsonNode redact = r.json();
            assertThat(redact.get("shop_domain").asText()).isEqualTo(SHOP);
            assertThat(customersSent).contains(redact.get("customer").get("id").asLong());
            List<Long> orders = new ArrayList<>();
            redact.get("orders_to_redact").forEach(o -> orders.add(o.asLong()));
            assertThat(ordersSent).containsAll(orders);
        }
    }

    private void assertShape(String topic, String sample) throws Exception {
        Set<String> expected = fields(sample(sample));
        assertThat(of(topic)).as(topic).isNotEmpty();
        for (Received r : of(topic)) {
            assertThat(fields(r.json())).as(topic + " has the fields of Shopify's sample").containsAll(expected);
        }
    }

    private Set<String> topics() {
        Set<String> topics = new HashSet<>();
        received.forEach(r -> topics.add(r.topic()));
        return topics;
    }

    private List<Received> of(String topic) {
        return received.stream().filter(r -> topic.equals(r.topic())).toList();
    }

    private Set<Long> ids(String topic, String field) throws Exception {
        Set<Long> ids = new HashSet<>();
        for (Received r : of(topic)) ids.add(r.json().get(field).asLong());
        return ids;
    }

    private static JsonNode sample(String name) throws Exception {
        return JSON.readTree(Files.readAllBytes(Path.of("src/test/resources/shopify", name)));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    /** Shopify's signature, computed here independently of the sender: base64 HMAC-SHA256 of the raw body. */
    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}

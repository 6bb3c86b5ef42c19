package io.storelink.sync;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole bridge with real parts: the Spring Boot application with the routes from {@code routes/}, an
 * embedded KRaft Kafka broker, the real camel-salesforce client talking HTTP to {@link FakeSalesforce}, and
 * webhooks sent over real HTTP by {@link WebhookSender}. Subclasses share one Spring context and one broker.
 */
@CamelSpringBootTest
@org.apache.camel.test.spring.junit5.DisableJmx(false) // Camel's MBeans as in production: Hawtio and Jolokia tests share this context
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false) // metrics export as in production: /actuator/prometheus
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=" + BridgeTestSupport.PREVIOUS_SECRET + "," + BridgeTestSupport.SECRET,
                "storelink.salesforce.client-id=" + BridgeTestSupport.CLIENT_ID,
                "storelink.salesforce.client-secret=" + BridgeTestSupport.CLIENT_SECRET,
                "storelink.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "storelink.console.username=" + BridgeTestSupport.CONSOLE_USER,
                "storelink.console.password=" + BridgeTestSupport.CONSOLE_PASSWORD,
                "storelink.jobs.enabled=false", // schedules off; tests run a job through its direct: route
                // the production policies, with delays shrunk so fault tests finish in seconds
                "storelink.retry.transient.delay-ms=20",
                "storelink.retry.transient.max-delay-ms=200",
                "storelink.retry.duplicate.delay-ms=10",
                "storelink.salesforce.pause.login-first-probe=200ms",
                "storelink.salesforce.pause.login-max-probe=1s",
                "storelink.salesforce.pause.limit-probe=300ms",
                "storelink.salesforce.pause.check-period-ms=50",
                // orders created a second after a partition was assigned are known new (VersionCacheIT)
                "storelink.writer.version-cache.clock-margin=1s",
                // the fake counts every call of the test run against a 15,000 allowance: no test but GovernorPauseIT
                // should meet the reserve
                "storelink.salesforce.governor.reserve=0",
                // a custom field mapped in a file beside the defaults, as an integration engineer would (OrderSyncIT)
                "spring.config.additional-location=classpath:/mapping/custom-fields.yaml"
        })
@EmbeddedKafka(kraft = true, partitions = 3, topics = {BridgeTestSupport.ORDERS_TOPIC, BridgeTestSupport.DEAD_LETTER_TOPIC,
        BridgeTestSupport.FULFILLMENTS_TOPIC, BridgeTestSupport.PRIVACY_TOPIC, BridgeTestSupport.PRIVACY_AUDIT_TOPIC},
        brokerProperties = "message.max.bytes=6291456") // as k8s/strimzi's topics: a webhook may be 5 MB
public abstract class BridgeTestSupport {

    static final String SECRET = "current-webhook-secret";
    static final String PREVIOUS_SECRET = "previous-webhook-secret";
    static final String CLIENT_ID = "storelink-test-client";
    static final String CLIENT_SECRET = "storelink-test-client-secret";
    static final String ORDERS_TOPIC = "shopify.orders";
    static final String DEAD_LETTER_TOPIC = "shopify.orders.dlq";
    static final String FULFILLMENTS_TOPIC = "shopify.fulfillments";
    static final String PRIVACY_TOPIC = "shopify.privacy";
    static final String PRIVACY_AUDIT_TOPIC = "storelink.privacy";
    static final String SHOP = "storelink-test.myshopify.com";
    /** The console login: HTTP Basic on /actuator/* (but health status and info) and /admin/*, Hawtio's form. */
    public static final String CONSOLE_USER = "test-console";
    public static final String CONSOLE_PASSWORD = "test-console-password";

    static final String SHOPIFY_TOKEN = "shpat_test_token";

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);
    /** The store's Admin GraphQL API, for the pollers (their schedules are off: tests call the jobs' direct: routes). */
    static final FakeShopifyAdmin SHOPIFY_ADMIN = FakeShopifyAdmin.start(0).accessToken(SHOPIFY_TOKEN);

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registry.add("storelink.salesforce.login-url", SALESFORCE::url);
        registry.add("storelink.shopify.store-domain", SHOPIFY_ADMIN::url);
        registry.add("storelink.shopify.admin-api-access-token", () -> SHOPIFY_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker kafka;

    @Autowired
    CamelContext camel;

    @Autowired
    io.storelink.salesforce.schema.MappingCheck mappingCheck;

    final OrderFactory orders = new OrderFactory(System.nanoTime());

    /** {@code Authorization} header value with the console credentials. */
    public static String consoleAuthorization() {
        return basicAuthorization(CONSOLE_USER, CONSOLE_PASSWORD);
    }

    public static String basicAuthorization(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code GET} of a path on the bridge at {@code port} with the console credentials. */
    public static java.net.http.HttpResponse<String> getAsConsole(int port, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).header("Authorization", consoleAuthorization()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The "salesforce" component of /actuator/health (status, and the writers' pause reason in details). */
    public static com.fasterxml.jackson.databind.JsonNode salesforceHealth(int port) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(getAsConsole(port, "/actuator/health/salesforce").body());
    }

    URI webhookUri() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/shopify");
    }

    WebhookSender shopify() {
        return new WebhookSender(webhookUri(), SECRET, SHOP);
    }

    WebhookSender shopifySigningWith(String secret) {
        return new WebhookSender(webhookUri(), secret, SHOP);
    }

    /**
     * Delivers like Shopify: concurrently, and a delivery that gets no 200 is sent again (same webhook id and
     * body) until it does, within a bounded time.
     */
    void deliverAll(List<WebhookSender.Delivery> deliveries, int threads) throws Exception {
        WebhookSender sender = shopify();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (WebhookSender.Delivery d : deliveries) {
                sent.add(pool.submit(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (System.nanoTime() < deadline) {
                        try {
                            if (sender.deliver(d).statusCode() == 200) {
                                return null;
                            }
                        } catch (java.io.IOException retry) {
                            // like Shopify: try the same delivery again
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // retry backoff
                    }
                    throw new AssertionError("delivery " + d.webhookId() + " never got a 200");
                }));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    List<WebhookSender.Delivery> prepare(String topic, List<com.fasterxml.jackson.databind.node.ObjectNode> payloads) {
        WebhookSender sender = shopify();
        return payloads.stream().map(p -> sender.prepare(topic, OrderFactory.bytes(p))).toList();
    }

    /** Opportunities in the Salesforce fake per Shopify order id. */
    static Map<String, Long> opportunitiesByOrderId() {
        return SALESFORCE.records("Opportunity").stream().collect(Collectors.groupingBy(
                r -> String.valueOf(r.get("External_Shopify_Order_ID__c")), Collectors.counting()));
    }

    /** Total records ever written to a topic (sum of end offsets). */
    long recordsIn(String topic) {
        return TopicRecords.count(kafka.getBrokersAsString(), topic);
    }

    /** Every record of a topic, read from the start by a throw-away consumer group. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long expected = recordsIn(topic);
            List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    /**
     * Waits until the writer has committed every record of the orders topic, so a test starts with no other
     * test's orders in flight (and can count Salesforce API calls exactly).
     */
    /**
     * The start-up mapping check's describe calls are done before a test starts: they do not count against its
     * Salesforce calls, nor report an allowance the test set up for its own calls (GovernorPauseIT).
     */
    @org.junit.jupiter.api.BeforeEach
    void awaitMappingChecked() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(mappingCheck::checked);
    }

    void awaitWriterIdle() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed;
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
                committed = admin.listConsumerGroupOffsets("storelink-salesforce-writer").partitionsToOffsetAndMetadata().get();
            }
            try (Consumer<String, byte[]> consumer = consumer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(ORDERS_TOPIC).stream()
                        .map(p -> new TopicPartition(ORDERS_TOPIC, p.partition())).toList();
                return consumer.endOffsets(partitions).entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            }
        });
    }

    static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(h -> h.key(), h -> new String(h.value(), java.nio.charset.StandardCharsets.UTF_8),
                        (a, b) -> b));
    }

    private Consumer<String, byte[]> consumer() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka.getBrokersAsString(), "test-" + UUID.randomUUID(), "false");
        props.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

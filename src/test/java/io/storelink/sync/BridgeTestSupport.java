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
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=" + BridgeTestSupport.PREVIOUS_SECRET + "," + BridgeTestSupport.SECRET,
                "storelink.salesforce.client-id=" + BridgeTestSupport.CLIENT_ID,
                "storelink.salesforce.client-secret=" + BridgeTestSupport.CLIENT_SECRET,
                "storelink.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "hawtio.authenticationEnabled=false"
        })
@EmbeddedKafka(kraft = true, partitions = 3, topics = {BridgeTestSupport.ORDERS_TOPIC, BridgeTestSupport.DEAD_LETTER_TOPIC})
public abstract class BridgeTestSupport {

    static final String SECRET = "current-webhook-secret";
    static final String PREVIOUS_SECRET = "previous-webhook-secret";
    static final String CLIENT_ID = "storelink-test-client";
    static final String CLIENT_SECRET = "storelink-test-client-secret";
    static final String ORDERS_TOPIC = "shopify.orders";
    static final String DEAD_LETTER_TOPIC = "shopify.orders.dlq";
    static final String SHOP = "storelink-test.myshopify.com";

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry registry) {
        registry.add("storelink.salesforce.login-url", SALESFORCE::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker kafka;

    @Autowired
    CamelContext camel;

    final OrderFactory orders = new OrderFactory(System.nanoTime());

    URI webhookUri() {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/shopify");
    }

    WebhookSender shopify() {
        return new WebhookSender(webhookUri(), SECRET, SHOP);
    }

    WebhookSender shopifySigningWith(String secret) {
        return new WebhookSender(webhookUri(), secret, SHOP);
    }

    /** Total records ever written to a topic (sum of end offsets). */
    long recordsIn(String topic) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
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

package io.storelink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.salesforce.Fault;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The bridge against a broker that requires SASL (PLAIN over SASL_PLAINTEXT: Confluent Cloud or a Strimzi SCRAM
 * listener minus TLS): the settings under {@code storelink.kafka.security} reach Camel's producers and consumers,
 * the checkpoint clients and the health check. Runs in the {@code kubernetes} profile, so it also checks the JSON
 * logs: every line is JSON, an event's lines carry the Shopify fields, and the SASL password appears nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
@CamelSpringBootTest
@ActiveProfiles("kubernetes")
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=" + KafkaSaslIT.WEBHOOK_SECRET,
                "storelink.salesforce.client-id=sasl-test-client",
                "storelink.salesforce.client-secret=" + KafkaSaslIT.CLIENT_SECRET,
                "storelink.jobs.enabled=false",
                "storelink.console.username=" + io.storelink.sync.BridgeTestSupport.CONSOLE_USER,
                "storelink.console.password=" + io.storelink.sync.BridgeTestSupport.CONSOLE_PASSWORD,
                "storelink.kafka.security.protocol=SASL_PLAINTEXT",
                "storelink.kafka.security.sasl-mechanism=PLAIN",
                "storelink.kafka.security.sasl-jaas-config=" + KafkaSaslIT.BRIDGE_JAAS,
                "storelink.retry.transient.delay-ms=20",
                "storelink.retry.transient.max-delay-ms=200",
        })
class KafkaSaslIT {

    static final String WEBHOOK_SECRET = "sasl-it-webhook-secret";
    static final String CLIENT_SECRET = "sasl-it-salesforce-secret";
    static final String KAFKA_PASSWORD = "kafka-sasl-password-4711";
    static final String BRIDGE_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"storelink\" password=\"" + KAFKA_PASSWORD + "\";";
    private static final String ADMIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"admin\" password=\"admin-secret\";";
    private static final String SHOP = "sasl-test.myshopify.com";

    static {
        // the logging system is set up once per JVM, by the first test context: this context's (JSON) must win
        LoggingSystem.get(KafkaSaslIT.class.getClassLoader()).cleanUp();
    }

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0).acceptClientCredentials("sasl-test-client", CLIENT_SECRET);
    static final EmbeddedKafkaKraftBroker KAFKA = saslBroker();

    /**
     * One KRaft node whose client listener (EXTERNAL) takes SASL PLAIN only; the controller listener stays
     * PLAINTEXT. Started here, not with {@code @EmbeddedKafka}, because that creates its topics without credentials.
     */
    private static EmbeddedKafkaKraftBroker saslBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.external.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_storelink=\"" + KAFKA_PASSWORD + "\";"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString(),
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", ADMIN_JAAS))) {
            admin.createTopics(List.of(new NewTopic("shopify.orders", 3, (short) 1), new NewTopic("shopify.orders.dlq", 1, (short) 1),
                    new NewTopic("shopify.fulfillments", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
        return broker;
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("storelink.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        registry.add("storelink.salesforce.login-url", SALESFORCE::url);
    }

    @AfterAll
    static void stop(@Autowired ConfigurableEnvironment environment) {
        SALESFORCE.close();
        textLogsForTheNextTests(environment);
    }

    /** Sets logging up again as in a context without the kubernetes profile, as Spring Boot does at start-up. */
    private static void textLogsForTheNextTests(ConfigurableEnvironment environment) {
        StandardEnvironment text = new StandardEnvironment();
        text.merge(environment);
        text.setActiveProfiles();
        text.getPropertySources().addFirst(new MapPropertySource("text-logs", Map.of("logging.structured.format.console", "")));
        LoggingSystem.get(KafkaSaslIT.class.getClassLoader()).cleanUp();
        new LoggingApplicationListener().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], text));
    }

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    Checkpoints checkpoints;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theBrokerRefusesClientsWithoutCredentials() {
        try (Admin anonymous = Admin.create(Map.of("bootstrap.servers", KAFKA.getBrokersAsString()))) {
            assertThatThrownBy(() -> anonymous.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).clusterId()
                    .get(10, TimeUnit.SECONDS)).as("a PLAINTEXT client gets no answer").isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aWebhookTravelsThroughSaslKafkaToSalesforceAndItsLogLinesNameTheEvent(CapturedOutput output) throws Exception {
        ObjectNode order = new OrderFactory(42).companyOrder();
        String orderId = order.get("id").asText();
        WebhookSender shopify = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"), WEBHOOK_SECRET, SHOP);
        WebhookSender.Delivery delivery = shopify.prepare("orders/create", OrderFactory.bytes(order));

        SALESFORCE.faults().failNext(2, Fault.SERVER_UNAVAILABLE); // the error handler's lines must name the event too

        assertThat(shopify.deliver(delivery).statusCode()).as("acknowledged by the SASL broker").isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> jsonLines(output).stream().anyMatch(l -> isSynced(l, orderId)));
        List<JsonNode> lines = jsonLines(output);
        List<JsonNode> retries = lines.stream().filter(l -> l.at("/log/logger").asText().endsWith("DefaultErrorHandler")).toList();
        assertThat(retries).as("the transient faults' log lines").isNotEmpty();
        for (JsonNode line : java.util.stream.Stream.concat(retries.stream(), lines.stream().filter(l -> isSynced(l, orderId))).toList()) {
            assertThat(field(line, "shopify.order_id")).as(line.toString()).isEqualTo(orderId);
            assertThat(field(line, "shopify.webhook_id")).as(line.toString()).isEqualTo(delivery.webhookId());
            assertThat(field(line, "shopify.topic")).as(line.toString()).isEqualTo("orders/create");
        }
        assertThat(lines).as("lines outside the event do not carry it (a stale MDC)")
                .filteredOn(l -> l.at("/log/logger").asText().startsWith("org.apache.camel.component.kafka"))
                .allSatisfy(l -> assertThat(field(l, "shopify.webhook_id")).as(l.toString()).isNull());
    }

    @Test
    void pollerCheckpointsAreWrittenAndReadThroughSasl() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        checkpoints.write("sasl-test-job", at);
        assertThat(checkpoints.read("sasl-test-job")).contains(at);
    }

    @Test
    void healthIsUpWithTheRightPasswordAndDownWithTheReasonWithAWrongOne() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", io.storelink.sync.BridgeTestSupport.consoleAuthorization()).build(), // components need the login
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(health.body()).at("/components/kafka/status").asText()).as(health.body()).isEqualTo("UP");

        // the same settings with another password: what an operator sees after a wrong KAFKA_SASL_JAAS_CONFIG
        KafkaConfiguration wrong = camel.getComponent("kafka", KafkaComponent.class).getConfiguration().copy();
        wrong.setSaslJaasConfig(BRIDGE_JAAS.replace(KAFKA_PASSWORD, "wrong-password-0815"));
        KafkaHealth indicator = new KafkaHealth(new KafkaClientSettings(() -> wrong), Duration.ofSeconds(5));
        try {
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(down.getDetails().get("error")))
                    .startsWith(SaslAuthenticationException.class.getSimpleName())
                    .contains("Authentication failed")
                    .doesNotContain("wrong-password-0815", "PlainLoginModule");
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void everyLineIsJsonAndTheKafkaPasswordIsNeverLogged(CapturedOutput output) {
        checkpoints.write("sasl-log-check", Instant.now()); // a hand-built client too, besides Camel's
        assertThat(output.getAll()).doesNotContain(KAFKA_PASSWORD, CLIENT_SECRET, WEBHOOK_SECRET);
        assertThat(jsonLines(output)).isNotEmpty();
    }

    private static boolean isSynced(JsonNode line, String orderId) {
        return line.path("message").asText("").startsWith("Synced Shopify order") && orderId.equals(field(line, "shopify.order_id"));
    }

    /**
     * Every non-empty line of standard output and error since Spring Boot set up logging (before it, the test's
     * own broker started with Logback's default text format), parsed: fails on a line that is not a JSON object.
     */
    private List<JsonNode> jsonLines(CapturedOutput output) {
        String all = output.getAll();
        int start = all.indexOf("\n{") + 1;
        assertThat(start).as("JSON log lines").isPositive();
        return all.substring(start).lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode node = json.readTree(l);
                assertThat(node.isObject()).as("a JSON object: %s", l).isTrue();
                return node;
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON log line: " + l, e);
            }
        }).toList();
    }

    /** An MDC field, flat ("shopify.order_id") or nested ("shopify": {"order_id"}) as the ECS writer puts it. */
    static String field(JsonNode line, String dotted) {
        if (line.has(dotted)) {
            return line.get(dotted).asText();
        }
        JsonNode nested = line.at("/" + dotted.replace('.', '/'));
        return nested.isMissingNode() ? null : nested.asText();
    }
}

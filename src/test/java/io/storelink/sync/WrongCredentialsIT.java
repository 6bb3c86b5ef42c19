package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Salesforce refuses the bridge's credentials from the start: nothing is dead-lettered, the writer waits with
 * the orders in Kafka, health says DOWN and why, and once Salesforce accepts the login the orders land by
 * themselves.
 */
@CamelSpringBootTest
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=" + WrongCredentialsIT.SECRET,
                "storelink.jobs.enabled=false",
                "storelink.console.username=" + BridgeTestSupport.CONSOLE_USER,
                "storelink.console.password=" + BridgeTestSupport.CONSOLE_PASSWORD,
                "storelink.salesforce.client-id=bridge-client",
                "storelink.salesforce.client-secret=rotated-secret",
                "storelink.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "storelink.salesforce.pause.login-first-probe=200ms",
                "storelink.salesforce.pause.login-max-probe=1s",
                "storelink.salesforce.pause.check-period-ms=50"
        })
@EmbeddedKafka(kraft = true, partitions = 3, topics = {"shopify.orders", "shopify.orders.dlq"})
class WrongCredentialsIT {

    static final String SECRET = "wrong-credentials-test-secret";
    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0).acceptClientCredentials("bridge-client", "rotated-secret");

    static {
        SALESFORCE.rejectAllLogins(true); // e.g. the Connected App's secret was rotated but not the bridge's
    }

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry registry) {
        registry.add("storelink.salesforce.login-url", SALESFORCE::url);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker kafka;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void noDeadLettersHealthDownWithTheReasonAndRecoveryOnceLoginWorks() throws Exception {
        WebhookSender shopify = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"), SECRET,
                "storelink-test.myshopify.com");
        OrderFactory factory = new OrderFactory(11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode order = factory.nextOrder();
            ids.add(order.get("id").asText());
            assertThat(shopify.send("orders/create", order).statusCode()).isEqualTo(200);
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(salesforceHealth().path("status").asText()));
        JsonNode health = salesforceHealth();
        assertThat(health.path("details").path("reason").asText())
                .contains("Salesforce login failed (invalid_grant)").contains("SALESFORCE_CLIENT_SECRET");
        long failedLogins = SALESFORCE.logins();
        // the writer keeps probing with backoff, and writes nothing and dead-letters nothing meanwhile
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> loginAttemptsSeen(health));
        assertThat(SALESFORCE.count("Opportunity")).isZero();
        assertThat(deadLetters()).isZero();
        assertThat(failedLogins).isZero();

        SALESFORCE.rejectAllLogins(false);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> SALESFORCE.count("Opportunity") == 20);
        assertThat(SALESFORCE.records("Opportunity")).extracting(r -> String.valueOf(r.get("External_Shopify_Order_ID__c")))
                .containsExactlyInAnyOrderElementsOf(ids);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(salesforceHealth().path("status").asText()));
        assertThat(deadLetters()).isZero();
    }

    /** The health endpoint's nextCheck moves on while the writer probes. */
    private boolean loginAttemptsSeen(JsonNode first) throws Exception {
        return !salesforceHealth().path("details").path("nextCheck").asText().equals(first.path("details").path("nextCheck").asText());
    }

    private JsonNode salesforceHealth() throws Exception {
        return BridgeTestSupport.salesforceHealth(port);
    }

    private long deadLetters() {
        return TopicRecords.count(kafka.getBrokersAsString(), "shopify.orders.dlq");
    }
}

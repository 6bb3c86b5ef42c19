package io.storelink.salesforce.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.ErrorClass;
import io.storelink.salesforce.SalesforceGate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One login flow end to end: the bridge logs in to the Salesforce fake with the flow's credentials, an order sent
 * as a webhook lands as an Opportunity; then the credential goes wrong (the sessions expire, the next login is
 * refused) and the writer pauses for login as with the other flows, and once the credential works again the
 * waiting order lands. Subclasses set the flow's settings (@TestPropertySource, {@link #salesforce}) and register,
 * break and restore the credential on their own fake.
 */
@CamelSpringBootTest
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=" + LoginFlowITSupport.WEBHOOK_SECRET,
                "storelink.jobs.enabled=false",
                "storelink.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "storelink.salesforce.client-secret=",
                "storelink.salesforce.pause.login-first-probe=200ms",
                "storelink.salesforce.pause.login-max-probe=1s",
                "storelink.salesforce.pause.check-period-ms=50",
                "storelink.salesforce.governor.reserve=0"
        })
@EmbeddedKafka(kraft = true, partitions = 1, topics = {"shopify.orders", "shopify.orders.dlq"})
abstract class LoginFlowITSupport {

    static final String WEBHOOK_SECRET = "login-flow-webhook-secret";
    static final String USERNAME = "integration@example.com";
    static final TestKeys KEYS = new TestKeys();
    static final TestKeys OTHER_KEYS = new TestKeys();

    @LocalServerPort
    int port;

    @Autowired
    SalesforceGate gate;

    /** The class's own fake (each class closes it after its test). */
    abstract FakeSalesforce salesforce();

    /** The refused login after {@link #breakCredential()}, as the gate records it. */
    abstract String refusedLoginCode();

    abstract void breakCredential();

    abstract void restoreCredential();

    static void loginUrl(DynamicPropertyRegistry registry, FakeSalesforce salesforce) {
        registry.add("storelink.salesforce.login-url", salesforce::url);
    }

    static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("storelink-jwt");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void ordersLandAndAWrongCredentialPausesTheWriterUntilItWorksAgain() throws Exception {
        WebhookSender shopify = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"), WEBHOOK_SECRET,
                "storelink-test.myshopify.com");
        OrderFactory orders = new OrderFactory(13);

        ObjectNode first = orders.nextOrder();
        assertThat(shopify.send("orders/create", first).statusCode()).isEqualTo(200);
        awaitOpportunity(first);
        assertThat(salesforce().logins()).isPositive();

        breakCredential();
        salesforce().faults().expireSessions();
        ObjectNode waiting = orders.nextOrder();
        assertThat(shopify.send("orders/create", waiting).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(gate::isPaused);
        assertThat(gate.current().reason()).isEqualTo(ErrorClass.LOGIN);
        assertThat(gate.current().detail()).contains(refusedLoginCode());
        assertThat(salesforce().find("Opportunity", "External_Shopify_Order_ID__c", waiting.get("id").asText())).isEmpty();

        restoreCredential();
        awaitOpportunity(waiting);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !gate.isPaused());
    }

    private void awaitOpportunity(ObjectNode order) {
        String id = order.get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> salesforce().find("Opportunity", "External_Shopify_Order_ID__c", id).isPresent());
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;

import io.storelink.StorelinkApplication;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no Kafka broker reachable, a webhook is answered 503 (Shopify retries) and never 200. */
@CamelSpringBootTest
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=kafka-down-secret",
                "storelink.jobs.enabled=false",
                "storelink.salesforce.login-url=http://127.0.0.1:9",
                "storelink.salesforce.client-id=unused",
                "storelink.salesforce.client-secret=unused",
                "storelink.intake.kafka-timeout-ms=1500",
                "storelink.intake.kafka-request-timeout-ms=1000"
        })
class KafkaDownIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free now, and nothing listens there afterwards
        }
        registry.add("storelink.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
    }

    @Test
    void webhookGets503WhenTheBrokerCannotAcknowledge() throws Exception {
        WebhookSender shopify = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"),
                "kafka-down-secret", "storelink-test.myshopify.com");

        long started = System.nanoTime();
        HttpResponse<String> response = shopify.send("orders/create", OrderFactory.bytes(new OrderFactory(1).nextOrder()));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(tookMs).as("answered within Shopify's 5 s").isLessThan(5000);
    }
}

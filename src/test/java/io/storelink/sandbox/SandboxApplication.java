package io.storelink.sandbox;

import java.net.URI;

import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.SandboxStore;
import io.storelink.fakes.shopify.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The local sandbox, started by {@code ./mvnw spring-boot:test-run}: a real Kafka broker (KRaft, in-process), the
 * Salesforce fake, the bridge itself, and a sandbox Shopify store sending signed orders/create webhooks. Needs no
 * credentials and no external service. Ports: SANDBOX_KAFKA_PORT (9092), SANDBOX_SALESFORCE_PORT (9999), PORT (8080).
 */
public final class SandboxApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxApplication.class);

    static final String WEBHOOK_SECRET = "sandbox-webhook-secret";
    static final String CLIENT_ID = "sandbox-client-id";
    static final String CLIENT_SECRET = "sandbox-client-secret";
    static final String SHOP = "storelink-sandbox.myshopify.com";

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, "shopify.orders", "shopify.fulfillments", "shopify.orders.dlq")
                .kafkaPorts(intEnv("SANDBOX_KAFKA_PORT", 9092));
        kafka.afterPropertiesSet();
        FakeSalesforce salesforce = FakeSalesforce.start(intEnv("SANDBOX_SALESFORCE_PORT", 9999))
                .acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);

        // command-line arguments outrank application.yaml and the environment: the sandbox always uses its own parts
        ConfigurableApplicationContext bridge = SpringApplication.run(StorelinkApplication.class, concat(args,
                "--storelink.shopify.webhook-secrets=" + WEBHOOK_SECRET,
                "--storelink.shopify.store-domain=" + SHOP,
                "--storelink.salesforce.login-url=" + salesforce.url(),
                "--storelink.salesforce.client-id=" + CLIENT_ID,
                "--storelink.salesforce.client-secret=" + CLIENT_SECRET,
                "--storelink.salesforce.username=",
                "--storelink.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--hawtio.authenticationEnabled=false"));

        String bridgeUrl = "http://127.0.0.1:" + bridge.getEnvironment().getProperty("local.server.port");
        double rate = Double.parseDouble(System.getenv().getOrDefault("SANDBOX_ORDERS_PER_SECOND", "2"));
        SandboxStore store = new SandboxStore(
                new WebhookSender(URI.create(bridgeUrl + "/webhooks/shopify"), WEBHOOK_SECRET, SHOP),
                OrderFactory.live(System.currentTimeMillis()), rate);
        store.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            bridge.close();
            salesforce.close();
            kafka.destroy();
        }, "sandbox-shutdown"));

        LOG.info("""

                ==== Storelink sandbox is running (Ctrl+C stops it) ====
                  Shopify sandbox store  sends {} signed orders/create webhooks/s to POST {}/webhooks/shopify
                  Salesforce records     {}/_sandbox   (JSON: {}/_sandbox/records)
                  Hawtio console         {}/actuator/hawtio/
                  Health, metrics        {}/actuator/health   {}/actuator/prometheus
                  Kafka broker           {}   topics shopify.orders, shopify.fulfillments, shopify.orders.dlq
                """, rate, bridgeUrl, salesforce.url(), salesforce.url(), bridgeUrl, bridgeUrl, bridgeUrl,
                kafka.getBrokersAsString());
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

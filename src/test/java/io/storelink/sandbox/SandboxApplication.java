package io.storelink.sandbox;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.storelink.StorelinkApplication;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.SandboxActivity;
import io.storelink.fakes.shopify.SandboxShop;
import io.storelink.fakes.shopify.SandboxStore;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.fakes.shopify.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import sun.misc.Signal;

/**
 * The local sandbox, started by {@code ./mvnw spring-boot:test-run}: a real Kafka broker (KRaft, in-process), the
 * Salesforce fake, the bridge itself, and a sandbox Shopify store sending signed orders/create webhooks. Needs no
 * credentials and no external service. The store also sends, now and then, new customers, refunds, order edits and
 * redaction requests (SandboxActivity; rates from SANDBOX_NEW_CUSTOMERS_PER_MINUTE, SANDBOX_REFUNDS_PER_MINUTE,
 * SANDBOX_EDITS_PER_MINUTE, SANDBOX_REDACTS_PER_HOUR). Ports: SANDBOX_KAFKA_PORT (9092), SANDBOX_SALESFORCE_PORT (9999), PORT (8080).
 * The console login (user {@code sandbox}, a random password per run) is printed in the banner.
 */
public final class SandboxApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxApplication.class);

    static final String WEBHOOK_SECRET = "sandbox-webhook-secret";
    static final String CLIENT_ID = "sandbox-client-id";
    static final String CLIENT_SECRET = "sandbox-client-secret";
    static final String SHOP = "storelink-sandbox.myshopify.com";
    static final String ADMIN_TOKEN = "shpat_sandbox";
    static final String CONSOLE_USER = "sandbox";

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, "shopify.orders", "shopify.fulfillments", "shopify.orders.dlq",
                "shopify.privacy", "storelink.privacy") // the privacy topics too: the store sends redaction requests
                .kafkaPorts(intEnv("SANDBOX_KAFKA_PORT", 9092));
        kafka.afterPropertiesSet();
        FakeSalesforce salesforce = FakeSalesforce.start(intEnv("SANDBOX_SALESFORCE_PORT", 9999))
                .acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);

        // command-line arguments outrank application.yaml and the environment: the sandbox always uses its own parts
        FakeShopifyAdmin shopifyAdmin = FakeShopifyAdmin.start(intEnv("SANDBOX_SHOPIFY_PORT", 9998)).accessToken(ADMIN_TOKEN);
        String leaderDir;
        try {
            leaderDir = java.nio.file.Files.createTempDirectory("storelink-sandbox-leader").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a fresh console password per run, shown in the banner: the sandbox's port is as protected as production's
        String consolePassword = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12));
        ConfigurableApplicationContext bridge = SpringApplication.run(StorelinkApplication.class, concat(args,
                "--storelink.shopify.webhook-secrets=" + WEBHOOK_SECRET,
                "--storelink.shopify.store-domain=" + shopifyAdmin.url(),
                "--storelink.shopify.admin-api-access-token=" + ADMIN_TOKEN,
                // the pollers run often here so their work shows within a minute
                "--storelink.jobs.reconciliation.cron=*/30 * * * * ?",
                "--storelink.jobs.shipment-confirmation.cron=15/30 * * * * ?",
                "--storelink.jobs.inventory.cron=45 * * * * ?",
                "--camel.cluster.file.root=" + leaderDir,
                // change a route, see it: a saved routes/*.camel.yaml replaces its routes (STORELINK_ROUTES_RELOAD=false: off)
                "--storelink.routes.reload=" + System.getenv().getOrDefault("STORELINK_ROUTES_RELOAD", "true"),
                "--storelink.salesforce.login-url=" + salesforce.url(),
                "--storelink.salesforce.client-id=" + CLIENT_ID,
                "--storelink.salesforce.client-secret=" + CLIENT_SECRET,
                "--storelink.salesforce.username=",
                "--storelink.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                // a custom field mapped beside the defaults (README "Mapping a field"); the fake org has it
                "--spring.config.additional-location=classpath:/mapping/custom-fields.yaml",
                "--storelink.console.username=" + CONSOLE_USER,
                "--storelink.console.password=" + consolePassword));

        String bridgeUrl = "http://127.0.0.1:" + bridge.getEnvironment().getProperty("local.server.port");
        double rate = Double.parseDouble(System.getenv().getOrDefault("SANDBOX_ORDERS_PER_SECOND", "2"));
        WebhookSender webhooks = new WebhookSender(URI.create(bridgeUrl + "/webhooks/shopify"), WEBHOOK_SECRET, SHOP);
        double lost = Double.parseDouble(System.getenv().getOrDefault("SANDBOX_LOST_WEBHOOKS", "0.05"));
        SandboxShop shop = new SandboxShop(shopifyAdmin, salesforce, webhooks, lost).start();
        OrderFactory factory = OrderFactory.live(System.currentTimeMillis());
        SandboxStore store = new SandboxStore(webhooks, factory, rate);
        // the other topics, now and then (averages; low, so the sandbox page stays readable)
        SandboxActivity.Rates rates = new SandboxActivity.Rates(doubleEnv("SANDBOX_NEW_CUSTOMERS_PER_MINUTE", 2),
                doubleEnv("SANDBOX_REFUNDS_PER_MINUTE", 1), doubleEnv("SANDBOX_EDITS_PER_MINUTE", 1),
                doubleEnv("SANDBOX_REDACTS_PER_HOUR", 4));
        SandboxActivity activity = new SandboxActivity(shopifyAdmin, factory, store, SHOP, rates);
        store.recordingSales(order -> {
            shop.sold(order);
            activity.sold(order);
        }, lost);
        store.start();
        activity.start();

        // Stop in order: the traffic, then the bridge while the broker and the fakes still answer, then them. JVM
        // shutdown hooks run all at once: the Kafka test kit's own hook deleted the broker's log directories while
        // the bridge was still stopping, and its producers waited on a dead broker for minutes. So Ctrl+C (INT) and
        // TERM run this first, and only then exit (which runs the hooks, Spring's included, on stopped parts).
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                LOG.info("Stopping the sandbox: store, bridge, fakes, then the broker");
                activity.close();
                store.close();
                shop.close();
                bridge.close();
                shopifyAdmin.close();
                salesforce.close();
                kafka.destroy();
            }
        };
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), s -> new Thread(() -> {
                stop.run();
                System.exit(0);
            }, "sandbox-stop").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "sandbox-shutdown")); // any other exit

        LOG.info("""

                ==== Storelink sandbox is running (Ctrl+C stops it) ====
                  Shopify sandbox store  sends {} signed orders/create webhooks/s to POST {}/webhooks/shopify
                                         (some are lost on purpose: reconciliation finds them) and ships orders
                                         (fulfillments/create webhooks); per minute about {} new customers
                                         (customers/create, then /update), {} refunds (refunds/create), {} order
                                         edits (orders/edited), and {} customers/redact an hour
                                         Admin GraphQL API {}/admin/api/2026-07/graphql.json
                  Pollers                reconciliation and shipment confirmation every 30 s, inventory sync every minute
                  Salesforce records     {}/_sandbox   (JSON: {}/_sandbox/records)
                  Hawtio console         {}/actuator/hawtio/   log in as {} / {}
                  Health, metrics        {}/actuator/health   {}/actuator/prometheus (same login, HTTP Basic)
                  Kafka broker           {}   topics shopify.orders, shopify.fulfillments, shopify.orders.dlq
                """, rate, bridgeUrl, rates.customersPerMinute(), rates.refundsPerMinute(), rates.editsPerMinute(),
                rates.redactsPerHour(), shopifyAdmin.url(), salesforce.url(), salesforce.url(), bridgeUrl, CONSOLE_USER, consolePassword,
                bridgeUrl, bridgeUrl,
                kafka.getBrokersAsString());
    }

    private static double doubleEnv(String name, double fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
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

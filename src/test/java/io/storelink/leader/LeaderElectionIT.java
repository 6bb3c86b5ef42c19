package io.storelink.leader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.crash.BridgeProcess;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.sync.BridgeTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridge JVMs against one broker, one Salesforce and one Shopify store, sharing the file cluster service's
 * directory (like two instances on one machine): only the elected one polls Shopify; when it dies (SIGKILL), the
 * other takes the jobs over and orders that no webhook announced still reach Salesforce.
 */
class LeaderElectionIT {

    static final String CLIENT_ID = "leader-test-client";
    static final String CLIENT_SECRET = "leader-test-secret";
    static final String TOKEN = "shpat_leader_test";
    static final String RAN = "Reconciliation put ";
    static final Path PROJECT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

    static EmbeddedKafkaKraftBroker kafka;
    static FakeSalesforce salesforce;
    static FakeShopifyAdmin shopify;
    static Path leaderDir;
    static final HttpClient http = HttpClient.newHttpClient();
    final OrderFactory orders = new OrderFactory(System.nanoTime());

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shopify.orders", "shopify.orders.dlq");
        kafka.afterPropertiesSet();
        salesforce = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        leaderDir = Files.createTempDirectory("storelink-leader-test");
    }

    @AfterAll
    static void stop() {
        if (shopify != null) {
            shopify.close();
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void onlyTheLeaderPollsAndAnotherInstanceTakesOverWhenItDies() throws Exception {
        try (BridgeProcess a = bridge("a"); BridgeProcess b = bridge("b")) {
            a.awaitReady(Duration.ofSeconds(120));
            b.awaitReady(Duration.ofSeconds(120));

            await().atMost(Duration.ofSeconds(30)).until(() -> isLeader(a) ^ isLeader(b));
            BridgeProcess leader = isLeader(a) ? a : b;
            BridgeProcess follower = leader == a ? b : a;

            // the leader runs the job every second; the follower never does
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.countLines(RAN) >= 3);
            assertThat(follower.countLines(RAN)).as("runs on the follower").isZero();
            assertThat(isLeader(follower)).isFalse();

            List<ObjectNode> missed = List.of(fresh(orders.nextOrder()), fresh(orders.nextOrder()));
            missed.forEach(shopify::putOrder); // sold in the store, no webhook delivered
            await().atMost(Duration.ofSeconds(60)).until(() -> synced(missed));

            long killedAt = System.nanoTime();
            assertThat(leader.kill()).isEqualTo(137);
            await().atMost(Duration.ofSeconds(60)).until(() -> isLeader(follower));
            await().atMost(Duration.ofSeconds(30)).until(() -> follower.countLines(RAN) >= 1);
            System.out.printf("[leader] %s took the jobs over %.1f s after the leader was killed%n",
                    follower == a ? "a" : "b", (System.nanoTime() - killedAt) / 1e9);

            // The new leader continues from the checkpoint on Kafka: an order changed 3 h ago (inside the first-run
            // look-back of 24 h, long before the checkpoint) is not found, fresh ones are.
            ObjectNode old = at(orders.nextOrder(), java.time.Instant.now().minus(Duration.ofHours(3)));
            shopify.putOrder(old);
            List<ObjectNode> missedLater = List.of(fresh(orders.nextOrder()), fresh(orders.nextOrder()));
            missedLater.forEach(shopify::putOrder);
            await().atMost(Duration.ofSeconds(60)).until(() -> synced(missedLater));
            long runsAfter = follower.countLines(RAN);
            await().atMost(Duration.ofSeconds(30)).until(() -> follower.countLines(RAN) >= runsAfter + 2);
            assertThat(synced(List.of(old))).as("an order from before the checkpoint was re-scanned").isFalse();
        }
    }

    private static ObjectNode fresh(ObjectNode order) {
        return at(order, java.time.Instant.now());
    }

    private static ObjectNode at(ObjectNode order, java.time.Instant t) {
        String ts = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC).toString();
        order.put("created_at", ts);
        order.put("updated_at", ts);
        return order;
    }

    private static BridgeProcess bridge(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOPIFY_WEBHOOK_SECRET", "leader-test-webhook-secret");
        env.put("SHOPIFY_STORE_DOMAIN", shopify.url());
        env.put("SHOPIFY_ADMIN_API_ACCESS_TOKEN", TOKEN);
        env.put("SALESFORCE_LOGIN_URL", salesforce.url());
        env.put("SALESFORCE_CLIENT_ID", CLIENT_ID);
        env.put("SALESFORCE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        env.put("STORELINK_CONSOLE_USERNAME", BridgeTestSupport.CONSOLE_USER);
        env.put("STORELINK_CONSOLE_PASSWORD", BridgeTestSupport.CONSOLE_PASSWORD);
        env.put("STORELINK_LEADER_DIR", leaderDir.toString());
        env.put("STORELINK_MEMBER_ID", "bridge-" + name);
        env.put("STORELINK_LEADER_FILE_INTERVAL", "1s");
        env.put("STORELINK_JOBS_RECONCILIATION_CRON", "* * * * * ?"); // every second
        int port = BridgeProcess.freePort();
        return BridgeProcess.start("bridge " + name, PROJECT, env, port,
                PROJECT.resolve("target").resolve("leader-bridge-" + name + ".log"));
    }

    private static boolean isLeader(BridgeProcess bridge) {
        if (!bridge.isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bridge.port() + "/actuator/health/pollers")).timeout(Duration.ofSeconds(2))
                            .header("Authorization", BridgeTestSupport.consoleAuthorization()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body().contains("leader: runs the jobs");
        } catch (Exception notAnswering) {
            return false;
        }
    }

    private static boolean synced(List<ObjectNode> sold) {
        return sold.stream().allMatch(o -> salesforce.records("Opportunity").stream()
                .anyMatch(r -> o.get("id").asText().equals(String.valueOf(r.get("External_Shopify_Order_ID__c")))));
    }
}

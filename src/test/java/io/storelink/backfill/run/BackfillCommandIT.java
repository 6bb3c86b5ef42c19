package io.storelink.backfill.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.StorelinkApplication;
import io.storelink.command.Commands;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code java -jar storelink.jar backfill ...} as the jar runs it (the command and backfill profiles' Spring context,
 * its own routes and leader election), against a real broker and the fakes: a run to the end, a resume with nothing
 * to resume, bad arguments.
 */
class BackfillCommandIT {

    static final String CLIENT_ID = "backfill-client";
    static final String CLIENT_SECRET = "backfill-secret";
    static final String TOKEN = "shpat_backfill";
    static final Instant YEAR = Instant.parse("2021-02-01T00:00:00Z");

    static EmbeddedKafkaKraftBroker kafka;
    static FakeSalesforce salesforce;
    static FakeShopifyAdmin shopify;
    static String leaderDir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 1, "shopify.orders", "shopify.orders.dlq");
        kafka.afterPropertiesSet();
        salesforce = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        leaderDir = Files.createTempDirectory("storelink-leader").toString();
    }

    @AfterAll
    static void stop() {
        shopify.close();
        salesforce.close();
        kafka.destroy();
    }

    record Run(int status, String out) {
    }

    static Run backfill(String... arguments) {
        List<String> args = new ArrayList<>(List.of("backfill"));
        args.addAll(List.of(arguments));
        args.addAll(List.of(
                "--storelink.shopify.webhook-secrets=backfill-webhook-secret",
                "--storelink.shopify.store-domain=" + shopify.url(),
                "--storelink.shopify.admin-api-access-token=" + TOKEN,
                "--storelink.salesforce.login-url=" + salesforce.url(),
                "--storelink.salesforce.client-id=" + CLIENT_ID,
                "--storelink.salesforce.client-secret=" + CLIENT_SECRET,
                "--storelink.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--storelink.backfill.shopify.poll-interval=50ms",
                "--storelink.backfill.salesforce.job-poll-interval=50",
                "--camel.cluster.file.root=" + leaderDir));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Commands.run(StorelinkApplication.class, args.toArray(String[]::new),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return new Run(status, out);
    }

    @Test
    void runsABackfillToTheEndAndExitsZeroThenHasNothingToResume() {
        OrderFactory history = new OrderFactory(21, YEAR);
        List<ObjectNode> orders = List.of(history.companyOrder(), history.companyOrder(), history.companyOrder());
        orders.forEach(shopify::putOrder);

        Run run = backfill("--since", "2021-01-01", "--until=2022-01-01");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Backfill done: 3 orders read; 3 Account, 3 Contact, 3 Opportunity");
        for (ObjectNode order : orders) {
            assertThat(salesforce.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText())).isPresent();
        }

        Run resume = backfill("--resume");
        assertThat(resume.status()).isEqualTo(1);
        assertThat(resume.out()).contains("no unfinished backfill to resume");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void waitsForItsTurnWhileAnotherInstanceRunsABackfill(CapturedOutput output) throws Exception {
        shopify.putOrder(new OrderFactory(22, Instant.parse("2020-02-01T00:00:00Z")).companyOrder());
        FileLockClusterService other = new FileLockClusterService(); // another replica, its backfill running
        other.setId("another-replica");
        other.setRoot(leaderDir);
        other.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        other.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        DefaultCamelContext replica = new DefaultCamelContext();
        replica.addService(other);
        replica.start();
        try {
            CamelClusterView view = other.getView("storelink-backfill");
            await().atMost(Duration.ofSeconds(10)).until(() -> view.getLocalMember().isLeader());
            long bulkQueries = shopify.requests("BulkOperationRunQuery");

            CompletableFuture<Run> command = CompletableFuture.supplyAsync(() -> backfill("--since", "2020-01-01", "--until", "2021-01-01"));

            await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut().contains("Backfill requested: it starts once"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() ->
                    shopify.requests("BulkOperationRunQuery") == bulkQueries && !command.isDone());
            replica.stop(); // the other replica's backfill ended: it leaves the election

            Run run = command.get(2, TimeUnit.MINUTES);
            assertThat(run.status()).as(run.out()).isZero();
            assertThat(run.out()).contains("Backfill done: 1 orders read");
            assertThat(shopify.requests("BulkOperationRunQuery")).isEqualTo(bulkQueries + 1);
        } finally {
            replica.stop();
        }
    }

    @Test
    void badArgumentsExitTwoWithTheUsage() {
        Run run = backfill("--since", "last-year");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("--since last-year is neither a date").contains("usage: java -jar storelink.jar backfill");
    }
}

package io.storelink.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.sync.BridgeTestSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Test 3 of the reliability issue, "crash": the bridge runs as its own JVM; it is killed with SIGKILL in the middle of
 * a 5,000-order burst and started again. Shopify (16 sender threads) retries every delivery that got no 200. In the
 * end Salesforce holds exactly one Opportunity per order sent: none lost, none duplicated, nothing dead-lettered.
 *
 * <p>Right after the kill (bridge 1 dead, bridge 2 not started) two invariants are checked exactly: every delivery
 * bridge 1 answered 200 is on the orders topic, and every order whose offset bridge 1 committed is in Salesforce.
 * What would make it fail: an intake that answers 200 before Kafka acknowledged (acknowledged deliveries missing
 * from the topic after the kill, and their orders from Salesforce in the end); a writer that commits an offset before
 * Salesforce accepted the order (committed but unwritten orders at the kill, missing in the end); a writer that does
 * not resume after the restart (bounded wait); a non-idempotent write (more than 5,000 Opportunities). Whether a kill
 * lands in such a window is a matter of timing, so a broken bridge fails most runs, not necessarily every run.
 *
 * <p>Output: progress and a summary on stdout ({@code [crash]} lines), the bridges' logs in
 * {@code target/crash-bridge-1.log} and {@code -2.log}. {@code -Dcrash.seed=...} replays an order mix.
 */
class CrashRecoveryIT {

    static final int ORDERS = 5_000;
    static final int SENDER_THREADS = 16;
    static final int KILL_AFTER_ACKNOWLEDGED = 2_000;
    /** Deliveries from this index on wait until the kill, so the kill always falls in the middle of the burst. */
    static final int HELD_BACK_FROM = 3_500;

    static final String ORDERS_TOPIC = "shopify.orders";
    static final String DEAD_LETTER_TOPIC = "shopify.orders.dlq";
    static final String WRITER_GROUP = "storelink-salesforce-writer";
    static final String SECRET = "crash-test-webhook-secret";
    static final String CLIENT_ID = "crash-test-client";
    static final String CLIENT_SECRET = "crash-test-client-secret";
    static final String SHOP = "storelink-crash.myshopify.com";
    static final String OPPORTUNITY = "Opportunity";
    static final String ORDER_ID_FIELD = "External_Shopify_Order_ID__c";

    static final String BRIDGE_1_UP = "bridge 1 up";
    static final String BRIDGE_DOWN = "bridge 1 killed, bridge 2 starting";
    static final String BRIDGE_2_UP = "bridge 2 up";

    static final Path PROJECT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

    static EmbeddedKafkaKraftBroker kafka;
    static FakeSalesforce salesforce;
    static Admin admin;
    static final List<BridgeProcess> bridges = new ArrayList<>();
    static ShopifyBurst burst;
    static ScheduledExecutorService progress;

    @BeforeAll
    static void startKafkaAndSalesforce() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, ORDERS_TOPIC, DEAD_LETTER_TOPIC);
        kafka.afterPropertiesSet();
        salesforce = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);
        admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()));
    }

    @AfterAll
    static void cleanUp() {
        if (progress != null) {
            progress.shutdownNow();
        }
        if (burst != null) {
            burst.close();
        }
        bridges.forEach(BridgeProcess::close);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void killMinus9InTheMiddleOfABurstLosesAndDuplicatesNothing() throws Exception {
        long testStart = System.nanoTime();
        int port = BridgeProcess.freePort();
        WebhookSender shopify = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"), SECRET, SHOP);

        long seed = Long.getLong("crash.seed", System.nanoTime());
        OrderFactory factory = new OrderFactory(seed);
        List<WebhookSender.Delivery> deliveries = new ArrayList<>(ORDERS);
        for (int i = 0; i < ORDERS; i++) {
            deliveries.add(shopify.prepare("orders/create", OrderFactory.bytes(factory.nextOrder())));
        }
        Map<String, String> orderIdByWebhookId = deliveries.stream()
                .collect(Collectors.toMap(WebhookSender.Delivery::webhookId, WebhookSender.Delivery::orderId));
        Set<String> sentOrderIds = new HashSet<>(orderIdByWebhookId.values());
        assertThat(sentOrderIds).as("distinct order ids generated (seed %d)", seed).hasSize(ORDERS);
        log("seed %d, %d orders, bridge port %d, broker %s, Salesforce fake %s", seed, ORDERS, port,
                kafka.getBrokersAsString(), salesforce.url());

        // ---- bridge 1, and the burst ----
        BridgeProcess first = startBridge(1, port);
        Duration firstReady = first.awaitReady(Duration.ofSeconds(180));
        log("bridge 1 (pid %d) ready after %d ms", first.pid(), firstReady.toMillis());

        long burstStart = System.nanoTime();
        burst = new ShopifyBurst(shopify, deliveries, SENDER_THREADS, HELD_BACK_FROM, Duration.ofMinutes(10), BRIDGE_1_UP);
        startProgressLog(burstStart);

        // ---- kill -9 once ~2,000 deliveries are acknowledged and the writer is busy ----
        try {
            Awaitility.await("bridge 1 acknowledged " + KILL_AFTER_ACKNOWLEDGED + " deliveries and wrote some")
                    .atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        if (!first.isAlive()) {
                            throw new AssertionError("bridge 1 died by itself\n" + first.tail(60));
                        }
                        burst.isDone(); // surfaces a sender's failure
                        return burst.acknowledged() >= KILL_AFTER_ACKNOWLEDGED && salesforce.count(OPPORTUNITY) > 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; acknowledged " + burst.acknowledged() + ", Opportunities "
                    + salesforce.count(OPPORTUNITY) + "\n" + first.tail(60), e);
        }
        int acknowledgedAtKill = burst.acknowledged();
        int inFlightAtKill = burst.inFlight();
        int startedAtKill = burst.started();
        int opportunitiesAtKill = salesforce.count(OPPORTUNITY);
        burst.phase(BRIDGE_DOWN);
        long killAt = System.nanoTime();
        int exitCode = first.kill();
        long killedAfterMs = (System.nanoTime() - killAt) / 1_000_000;
        assertThat(first.wasKilled()).isTrue();
        assertThat(exitCode).as("exit code of bridge 1 after SIGKILL").isEqualTo(137);

        // what bridge 1 left behind
        Set<String> writtenJustAfterKill = opportunityOrderIds();
        Map<TopicPartition, Long> committedAtKill = committedOffsets();
        List<ConsumerRecord<String, byte[]>> topicAtKill = readAll(ORDERS_TOPIC);
        // every 200 so far came from bridge 1 (bridge 2 is not started yet); taken after the kill, so no late answer is missed
        Set<String> acknowledgedByFirst = burst.acknowledgedWebhookIds();
        Set<String> webhookIdsInTopic = topicAtKill.stream().map(r -> header(r, "X-Shopify-Webhook-Id")).collect(Collectors.toSet());
        List<String> committedButUnwritten = topicAtKill.stream()
                .filter(r -> r.offset() < committedAtKill.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))
                .map(r -> orderIdByWebhookId.get(header(r, "X-Shopify-Webhook-Id")))
                .filter(orderId -> !writtenJustAfterKill.contains(orderId))
                .toList();
        // the at-least-once window: written, not yet committed; bridge 2 reads these again (its version check skips them)
        long writtenButUncommitted = topicAtKill.stream()
                .filter(r -> r.offset() >= committedAtKill.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))
                .map(r -> orderIdByWebhookId.get(header(r, "X-Shopify-Webhook-Id")))
                .filter(writtenJustAfterKill::contains)
                .count();
        long committedSum = committedAtKill.values().stream().mapToLong(Long::longValue).sum();
        log("KILL (SIGKILL, exit %d, dead %d ms after the signal): %d deliveries acknowledged (%d by the time bridge 1 was dead), "
                        + "%d in flight, %d started; Opportunities %d at the kill, %d just after; orders topic %d records "
                        + "(%d distinct webhooks), writer committed %d %s; %d records after the committed offsets "
                        + "already written",
                exitCode, killedAfterMs, acknowledgedAtKill, acknowledgedByFirst.size(), inFlightAtKill, startedAtKill,
                opportunitiesAtKill, writtenJustAfterKill.size(), topicAtKill.size(), webhookIdsInTopic.size(),
                committedSum, committedAtKill, writtenButUncommitted);

        assertThat(startedAtKill).as("deliveries started when killed: the burst was still going").isLessThan(ORDERS);
        assertThat(opportunitiesAtKill).as("Opportunities written when killed").isBetween(1, ORDERS - 1);
        List<String> acknowledgedButNotOnKafka = acknowledgedByFirst.stream().filter(id -> !webhookIdsInTopic.contains(id))
                .map(id -> "webhook " + id + " (order " + orderIdByWebhookId.get(id) + ")").sorted().toList();
        assertThat(acknowledgedButNotOnKafka).as("%d of the %d deliveries bridge 1 answered 200 are not on Kafka, e.g. %s",
                        acknowledgedButNotOnKafka.size(), acknowledgedByFirst.size(),
                        acknowledgedButNotOnKafka.stream().limit(3).toList())
                .isEmpty();
        assertThat(committedButUnwritten).as("orders whose offset bridge 1 committed but that Salesforce did not have "
                        + "after the kill (lost: never read again)")
                .isEmpty();

        // ---- bridge 2: same settings, same port; Shopify keeps retrying and sending the rest ----
        BridgeProcess second = startBridge(2, port);
        burst.release();
        Duration secondReady = second.awaitReady(Duration.ofSeconds(180));
        burst.phase(BRIDGE_2_UP);
        log("bridge 2 (pid %d) ready after %d ms (%.1f s after the kill)", second.pid(), secondReady.toMillis(),
                (System.nanoTime() - killAt) / 1e9);

        long restartedAt = System.nanoTime();
        long[] firstNewWriteAt = {0};
        try {
            Awaitility.await("every delivery acknowledged and every record of the orders topic committed by the writer")
                    .atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!second.isAlive()) {
                            throw new AssertionError("bridge 2 died\n" + second.tail(60));
                        }
                        if (firstNewWriteAt[0] == 0 && salesforce.count(OPPORTUNITY) > writtenJustAfterKill.size()) {
                            firstNewWriteAt[0] = System.nanoTime();
                        }
                        return burst.isDone() && writerCaughtUp();
                    });
        } catch (ConditionTimeoutException e) {
            Set<String> missing = new TreeSet<>(sentOrderIds);
            missing.removeAll(opportunityOrderIds());
            throw new AssertionError(e.getMessage() + "; acknowledged " + burst.acknowledged() + "/" + ORDERS
                    + ", Opportunities " + salesforce.count(OPPORTUNITY) + ", missing " + missing.size()
                    + " (e.g. " + missing.stream().limit(5).toList() + "), committed " + committedOffsets()
                    + ", end " + endOffsets(ORDERS_TOPIC) + "\n" + second.tail(80), e);
        }
        long writerDoneAfterRestartMs = (System.nanoTime() - restartedAt) / 1_000_000;

        // ---- exactly the 5,000 orders, once each ----
        List<Map<String, Object>> opportunities = salesforce.records(OPPORTUNITY);
        Map<String, Long> perOrderId = opportunities.stream()
                .collect(Collectors.groupingBy(o -> String.valueOf(o.get(ORDER_ID_FIELD)), Collectors.counting()));
        Set<String> missing = new TreeSet<>(sentOrderIds);
        missing.removeAll(perOrderId.keySet());
        Map<String, Long> twice = perOrderId.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> unexpected = new TreeSet<>(perOrderId.keySet());
        unexpected.removeAll(sentOrderIds);
        long topicRecords = endOffsets(ORDERS_TOPIC).values().stream().mapToLong(Long::longValue).sum();
        long deadLetters = endOffsets(DEAD_LETTER_TOPIC).values().stream().mapToLong(Long::longValue).sum();

        String diagnostics = "\n" + first.tail(20) + "\n" + second.tail(40);
        assertThat(missing).as("orders sent but without Opportunity" + diagnostics).isEmpty();
        assertThat(twice).as("orders with more than one Opportunity").isEmpty();
        assertThat(unexpected).as("Opportunities of orders never sent").isEmpty();
        assertThat(opportunities).as("Opportunity records").hasSize(ORDERS);
        assertThat(deadLetters).as("records on " + DEAD_LETTER_TOPIC + diagnostics).isZero();
        assertThat(topicRecords).as("records on " + ORDERS_TOPIC).isGreaterThanOrEqualTo(ORDERS);
        assertThat(burst.failures()).as("answers 4xx to deliveries sent while a bridge was ready")
                .allSatisfy((kind, n) -> assertThat(kind).doesNotContainPattern("^bridge \\d up: HTTP 4"));

        // ---- normal stop ----
        progress.shutdownNow();
        long stopAt = System.nanoTime();
        int stopExit = second.stop(Duration.ofSeconds(60));
        long stopMs = (System.nanoTime() - stopAt) / 1_000_000;

        log("DONE: %d Opportunities, %d distinct order ids, 0 missing, 0 duplicated, %d dead letters", opportunities.size(),
                perOrderId.size(), deadLetters);
        log("orders topic %d records, %d more than orders (a delivery re-sent after a lost 200, or after a 503 or timeout "
                + "although the broker had appended it); %d delivery attempts; failed attempts %s", topicRecords,
                topicRecords - ORDERS, burst.attempts(), burst.failures());
        log("first new Opportunity %d ms after the kill; writer caught up %d ms after bridge 2 was ready", firstNewWriteAt[0] == 0
                ? -1 : (firstNewWriteAt[0] - killAt) / 1_000_000, writerDoneAfterRestartMs);
        log("bridge 1 log: %d 'Synced', %d 'Skipped'; bridge 2 log: %d 'Synced', %d 'Skipped'",
                first.countLines("Synced Shopify order"), first.countLines("Skipped Shopify order"),
                second.countLines("Synced Shopify order"), second.countLines("Skipped Shopify order"));
        log("bridge 2 stopped by SIGTERM in %d ms (exit %d); burst %.1f s, test %.1f s", stopMs, stopExit,
                (System.nanoTime() - burstStart) / 1e9, (System.nanoTime() - testStart) / 1e9);
    }

    private static BridgeProcess startBridge(int n, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOPIFY_WEBHOOK_SECRET", SECRET);
        env.put("SALESFORCE_LOGIN_URL", salesforce.url());
        env.put("SALESFORCE_CLIENT_ID", CLIENT_ID);
        env.put("SALESFORCE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        env.put("STORELINK_CONSOLE_USERNAME", BridgeTestSupport.CONSOLE_USER);
        env.put("STORELINK_CONSOLE_PASSWORD", BridgeTestSupport.CONSOLE_PASSWORD);
        env.put("STORELINK_JOBS_ENABLED", "false"); // no Shopify Admin API here: the pollers are tested elsewhere
        BridgeProcess bridge = BridgeProcess.start("bridge " + n, PROJECT, env, port,
                PROJECT.resolve("target").resolve("crash-bridge-" + n + ".log"));
        bridges.add(bridge);
        return bridge;
    }

    /** One line a second while the burst runs: acknowledged deliveries, in flight, Opportunities. */
    private static void startProgressLog(long since) {
        progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crash-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> log("t+%5.1f s: acknowledged %4d, in flight %2d, Opportunities %4d, bridges alive %s",
                        (System.nanoTime() - since) / 1e9, burst.acknowledged(), burst.inFlight(), salesforce.count(OPPORTUNITY),
                        bridges.stream().map(b -> b.isAlive() ? "y" : "n").collect(Collectors.joining())),
                1, 1, TimeUnit.SECONDS);
    }

    private static Set<String> opportunityOrderIds() {
        return salesforce.records(OPPORTUNITY).stream().map(o -> String.valueOf(o.get(ORDER_ID_FIELD)))
                .collect(Collectors.toSet());
    }

    /** The writer group has committed every record of the orders topic (it commits only after Salesforce accepted). */
    private static boolean writerCaughtUp() throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = committedOffsets();
        return endOffsets(ORDERS_TOPIC).entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private static Map<TopicPartition, Long> committedOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(WRITER_GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Every record of a topic, read from the beginning to the current end of each partition. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> end = endOffsets(topic);
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.getBrokersAsString(), "enable.auto.commit", "false",
                "max.poll.records", "2000");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        all.add(r);
                    }
                });
            }
        }
        return all;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void log(String format, Object... args) {
        System.out.println("[crash] " + String.format(java.util.Locale.ROOT, format, args));
    }
}

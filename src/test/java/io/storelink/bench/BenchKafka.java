package io.storelink.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The benchmarks' Kafka side (bench/intake-benchmark.sh, bench/writer-benchmark.sh), run in a JVM of its own on
 * the test classpath.
 *
 * <pre>
 * BenchKafka serve &lt;ready-file&gt;            a real single-node KRaft broker on loopback (a free port) with topics
 *                                          shopify.orders, shopify.fulfillments and shopify.orders.dlq (3 partitions
 *                                          each; the bridge creates storelink.checkpoints itself); writes host:port to
 *                                          ready-file once it accepts clients, then runs until killed
 * BenchKafka count &lt;bootstrap&gt; &lt;topic&gt;     prints records=N, the number of records in the topic (sum over partitions of
 *                                          end offset minus start offset; exact for a non-transactional producer,
 *                                          which writes no control records)
 * BenchKafka await-committed &lt;bootstrap&gt; &lt;group&gt; &lt;topic&gt; &lt;seconds&gt;
 *                                          polls every 50 ms until the consumer group has committed the topic's end
 *                                          offset on every partition; prints committed_at_ms=&lt;epoch ms&gt; when it
 *                                          saw that (and first_commit_at_ms, committed_at_first_commit: when it first
 *                                          saw a committed offset, and how many records were committed then), or
 *                                          exits 1 after the given seconds
 * BenchKafka warm &lt;bootstrap&gt; &lt;seconds&gt;    produces ~15 KB records to topic bench.warmup (created, 3 partitions) for the
 *                                          given seconds, 64 in flight, with the intake's producer settings: a broker
 *                                          that has been running a while (as one does when a bridge pod starts under
 *                                          load) instead of one whose JIT is as cold as the bridge's
 * </pre>
 */
public final class BenchKafka {

    static final String TOPIC = "shopify.orders";
    static final String[] TOPICS = {TOPIC, "shopify.fulfillments", "shopify.orders.dlq"};
    static final int PARTITIONS = 3;

    private BenchKafka() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("count")) {
            System.out.println("records=" + count(args[1], args[2]));
        } else if (args.length == 5 && args[0].equals("await-committed")) {
            awaitCommitted(args[1], args[2], args[3], Integer.parseInt(args[4]));
        } else if (args.length == 3 && args[0].equals("warm")) {
            warm(args[1], Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: BenchKafka serve <ready-file> | count <bootstrap> <topic>"
                    + " | await-committed <bootstrap> <group> <topic> <seconds> | warm <bootstrap> <seconds>");
            System.exit(2);
        }
    }

    private static void serve(Path readyFile) throws Exception {
        // the KRaft test kit always binds loopback (localhost) on a free port; it ignores kafkaPorts
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPICS);
        kafka.afterPropertiesSet();
        String brokers = kafka.getBrokersAsString();
        Files.writeString(readyFile, brokers + System.lineSeparator());
        System.out.println("BenchKafka ready: " + brokers + " topics " + String.join(", ", TOPICS) + " (" + PARTITIONS + " partitions)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.destroy();
            stopped.countDown();
        }, "bench-kafka-shutdown"));
        stopped.await();
    }

    private static void awaitCommitted(String bootstrap, String group, String topic, int seconds) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var end = admin.listOffsets(latest).all().get();
            boolean first = true;
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long now = System.currentTimeMillis();
                long sum = committed.entrySet().stream().filter(e -> end.containsKey(e.getKey()))
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (first && sum > 0) { // the first batch is written: what follows is the writer's steady pace
                    System.out.println("first_commit_at_ms=" + now);
                    System.out.println("committed_at_first_commit=" + sum);
                    first = false;
                }
                boolean all = end.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
                if (all) {
                    System.out.println("committed_at_ms=" + now);
                    return;
                }
                Thread.sleep(50);
            }
        }
        System.err.println("group " + group + " had not committed the end of " + topic + " after " + seconds + " s");
        System.exit(1);
    }

    private static void warm(String bootstrap, int seconds) throws Exception {
        String topic = "bench.warmup";
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        byte[] value = new byte[15_000];
        java.util.Arrays.fill(value, (byte) 'x');
        Semaphore inFlight = new Semaphore(64);
        AtomicLong acked = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; System.nanoTime() < deadline; i++) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>(topic, "customer-" + (i % 1000), value), (metadata, e) -> {
                    inFlight.release();
                    if (e == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        System.out.println("warm_records=" + acked.get() + " warm_rps=" + acked.get() / Math.max(1, seconds));
    }

    static long count(String bootstrap, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartition tp : partitions) {
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }
            var start = admin.listOffsets(earliest).all().get();
            var end = admin.listOffsets(latest).all().get();
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += end.get(tp).offset() - start.get(tp).offset();
            }
            System.err.println("per partition: " + partitions.stream()
                    .map(tp -> tp.partition() + "=" + (end.get(tp).offset() - start.get(tp).offset()))
                    .collect(Collectors.joining(", ")));
            return total;
        }
    }
}

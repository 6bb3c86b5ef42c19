package io.storelink.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The intake benchmark's Kafka side (bench/intake-benchmark.sh), run in a JVM of its own on the test classpath.
 *
 * <pre>
 * BenchKafka serve &lt;ready-file&gt;            a real single-node KRaft broker on loopback (a free port) with topic
 *                                          shopify.orders (3 partitions); writes host:port to ready-file once it
 *                                          accepts clients, then runs until killed
 * BenchKafka count &lt;bootstrap&gt; &lt;topic&gt;     prints records=N, the number of records in the topic (sum over partitions of
 *                                          end offset minus start offset; exact for a non-transactional producer,
 *                                          which writes no control records)
 * </pre>
 */
public final class BenchKafka {

    static final String TOPIC = "shopify.orders";
    static final int PARTITIONS = 3;

    private BenchKafka() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("count")) {
            System.out.println("records=" + count(args[1], args[2]));
        } else {
            System.err.println("usage: BenchKafka serve <ready-file> | count <bootstrap> <topic>");
            System.exit(2);
        }
    }

    private static void serve(Path readyFile) throws Exception {
        // the KRaft test kit always binds loopback (localhost) on a free port; it ignores kafkaPorts
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        kafka.afterPropertiesSet();
        String brokers = kafka.getBrokersAsString();
        Files.writeString(readyFile, brokers + System.lineSeparator());
        System.out.println("BenchKafka ready: " + brokers + " topic " + TOPIC + " (" + PARTITIONS + " partitions)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.destroy();
            stopped.countDown();
        }, "bench-kafka-shutdown"));
        stopped.await();
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

package io.storelink.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pollers' checkpoints (job name -> instant) on a compacted Kafka topic: they survive restarts and a change of
 * leader without another store. The topic keeps the newest value per key; a read scans it (a few records).
 */
@Component
public class Checkpoints {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClientSettings clients;
    private final String topic;
    private volatile boolean topicReady; // checked once per process, not on every run

    public Checkpoints(KafkaClientSettings clients, @Value("${storelink.kafka.checkpoint-topic}") String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /** A poller run's window: from the checkpoint minus {@code overlap} (first run: now minus {@code lookBack}) to now. */
    public record Window(Instant since, Instant until) {
    }

    public Window window(String job, Duration overlap, Duration lookBack) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Window(read(job).map(c -> c.minus(overlap)).orElse(now.minus(lookBack)), now);
    }

    public Optional<Instant> read(String job) {
        return readText(job).map(Instant::parse);
    }

    /** The newest value under {@code key}, as written (the backfill keeps a JSON document here). */
    public Optional<String> readText(String key) {
        createTopicIfMissing();
        Properties props = clients.consumer();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            String value = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read checkpoint topic " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        value = r.value(); // the newest wins; a null value (tombstone) clears it
                    }
                }
            }
            return Optional.ofNullable(value);
        }
    }

    public void write(String job, Instant at) {
        writeText(job, at.toString());
    }

    public void writeText(String job, String value) {
        Properties props = clients.producer();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, job, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing checkpoint " + job, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write checkpoint " + job + " to " + topic, e);
        }
    }

    /** Compacted, one partition: created here so an auto-created topic (deleted after retention) cannot lose checkpoints. */
    private void createTopicIfMissing() {
        if (topicReady) {
            return;
        }
        try (AdminClient admin = AdminClient.create(clients.admin())) {
            if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                admin.createTopics(List.of(compacted)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            topicReady = true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create checkpoint topic " + topic, e.getCause());
            }
            topicReady = true; // another instance created it meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating checkpoint topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT + " (checkpoint topic " + topic + ")", e);
        }
    }
}

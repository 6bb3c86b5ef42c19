package io.storelink.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.kafka.KafkaClientSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.storelink.command.Commands;

/**
 * {@code storelink.writer.lag{writer}}: records on the writer's topic that its consumer group has not committed yet,
 * i.e. events not yet in Salesforce (the writer commits only after Salesforce accepted, or after the dead letter).
 * Read with Kafka's admin client every {@code storelink.metrics.lag-interval}, the way kafka-exporter or
 * {@code kafka-consumer-groups.sh --describe} compute it.
 * <p>
 * Why not Kafka's own client metrics: camel-kafka 4.17 binds none to Micrometer (its {@code KafkaClientFactory} makes
 * plain clients). Binding Micrometer's {@code KafkaClientMetrics} from a custom factory would need closing each binder
 * with its consumer (Camel recreates consumers on every route restart and reconnect, e.g. the replay route), and
 * {@code records-lag} is measured at the consumer's fetch position: it freezes or disappears exactly when a writer
 * hangs or dies. The committed-offset lag keeps growing then, which is what the alert needs. The admin client connects
 * with the Kafka component's settings (brokers, security), so it goes wherever the writers go.
 */
@Component
@Profile("!" + Commands.PROFILE) // a command of the jar has no writers to watch
public class WriterLag implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WriterLag.class);

    /** One writer: its name in metrics, consumer group and topic. */
    record Writer(String name, String group, String topic) {
    }

    private final List<Writer> writers;
    private final Map<String, AtomicLong> lag = new HashMap<>();
    private final Duration interval;
    private final KafkaClientSettings clients;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    public WriterLag(MeterRegistry meters, KafkaClientSettings clients,
                     @Value("${storelink.kafka.writer-group}") String ordersGroup,
                     @Value("${storelink.kafka.orders-topic}") String ordersTopic,
                     @Value("${storelink.kafka.fulfillment-writer-group}") String fulfillmentsGroup,
                     @Value("${storelink.kafka.fulfillments-topic}") String fulfillmentsTopic,
                     @Value("${storelink.metrics.lag-interval}") Duration interval) {
        this.writers = List.of(new Writer("orders", ordersGroup, ordersTopic),
                new Writer("fulfillments", fulfillmentsGroup, fulfillmentsTopic));
        this.interval = interval;
        this.clients = clients;
        for (Writer w : writers) {
            AtomicLong value = new AtomicLong(-1);
            lag.put(w.name(), value);
            Gauge.builder("storelink.writer.lag", value, v -> v.get() < 0 ? Double.NaN : v.get())
                    .description("Records on the writer's topic its consumer group has not committed (not yet in Salesforce)")
                    .tag("writer", w.name()).tag("topic", w.topic())
                    .register(meters);
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        try {
            admin = Admin.create(adminProperties(clients.admin()));
        } catch (RuntimeException e) {
            LOG.warn("Writer lag not measured: cannot create a Kafka admin client ({})", e.getMessage());
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storelink-writer-lag");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Re-reads every writer's lag now (also what the schedule runs). */
    public void refresh() {
        for (Writer w : writers) {
            try {
                lag.get(w.name()).set(lagOf(w));
            } catch (Exception e) {
                // the value stays as last read: an unreachable broker is the intake's health check's job
                LOG.debug("Could not read the consumer lag of the {} writer: {}", w.name(), e.toString());
            }
        }
    }

    private long lagOf(Writer w) throws Exception {
        long timeout = interval.toMillis();
        Set<TopicPartition> partitions = admin.describeTopics(List.of(w.topic())).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(w.topic()).partitions().stream()
                .map(p -> new TopicPartition(w.topic(), p.partition())).collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(w.group())
                .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                .all().get(timeout, TimeUnit.MILLISECONDS);
        long total = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long from = c != null ? c.offset() : start.get(p).offset(); // autoOffsetReset: earliest
            total += Math.max(0, end.get(p).offset() - from);
        }
        return total;
    }

    /** The Kafka component's connection settings (brokers, TLS, SASL: {@link KafkaClientSettings#admin()}), named. */
    static Properties adminProperties(Properties connection) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "storelink-writer-lag");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000); // a broker outage: one warning per 10 s, not per second
        return props;
    }
}

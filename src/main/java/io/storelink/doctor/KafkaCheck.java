package io.storelink.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.storelink.kafka.KafkaClientSettings;

/**
 * Kafka: the brokers answer with the bridge's own connection and security settings, and the topics exist with enough
 * partitions for the writers' consumers (or the broker would create them so on first use). The checkpoint topic is
 * created by the bridge itself.
 */
@Component
class KafkaCheck implements DoctorCheck {

    static final String AREA = "Kafka";
    private static final long TIMEOUT_S = 10;

    private final KafkaClientSettings clients;
    private final String brokers;
    private final Map<String, Integer> topics = new LinkedHashMap<>(); // topic -> partitions it needs

    KafkaCheck(KafkaClientSettings clients,
               @Value("${storelink.kafka.bootstrap-servers}") String brokers,
               @Value("${storelink.kafka.orders-topic}") String orders,
               @Value("${storelink.kafka.fulfillments-topic}") String fulfillments,
               @Value("${storelink.kafka.dead-letter-topic}") String deadLetters,
               @Value("${storelink.kafka.privacy-topic}") String privacy,
               @Value("${storelink.kafka.privacy-audit-topic}") String privacyAudit,
               @Value("${storelink.kafka.writer-consumers}") int writerConsumers) {
        this.clients = clients;
        this.brokers = brokers;
        topics.put(orders, writerConsumers);
        topics.put(fulfillments, writerConsumers);
        topics.put(deadLetters, 1);
        topics.put(privacy, 1);
        topics.put(privacyAudit, 1);
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<Finding> run() {
        Properties props = clients.admin();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "storelink-doctor");
        List<Finding> findings = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            List<Node> nodes;
            try {
                nodes = new ArrayList<>(admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                findings.add(Finding.failed(AREA, "brokers", brokers + " did not answer within " + TIMEOUT_S + " s ("
                        + cause.getClass().getSimpleName() + ")",
                        "check KAFKA_BOOTSTRAP_SERVERS and, for a secured cluster, KAFKA_SECURITY_PROTOCOL and the "
                                + "KAFKA_SASL_* / KAFKA_SSL_* settings (README \"Kafka\")"));
                return findings;
            }
            findings.add(Finding.passed(AREA, "brokers", nodes.size() + " broker(s) answered at " + brokers));
            for (Map.Entry<String, Integer> topic : topics.entrySet()) {
                findings.add(topic(admin, nodes, topic.getKey(), topic.getValue()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            findings.add(Finding.failed(AREA, "brokers", "interrupted", "run the doctor again"));
        }
        return findings;
    }

    private Finding topic(Admin admin, List<Node> nodes, String topic, int needed) throws InterruptedException {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
            int partitions = d.partitions().size();
            if (partitions < needed) {
                return Finding.failed(AREA, "topic " + topic, partitions + " partition(s); the writers run " + needed
                        + " consumers, the others would idle", "add partitions (kafka-topics.sh --alter --topic " + topic
                        + " --partitions " + needed + ") or lower storelink.kafka.writer-consumers");
            }
            return Finding.passed(AREA, "topic " + topic, partitions + " partition(s)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return missing(admin, nodes, topic, needed);
            }
            return Finding.failed(AREA, "topic " + topic, "could not be described (" + e.getCause().getClass().getSimpleName() + ")",
                    "give the bridge's Kafka user Describe on the topic " + topic);
        } catch (TimeoutException e) {
            return Finding.failed(AREA, "topic " + topic, "no answer within " + TIMEOUT_S + " s", "check the brokers' health");
        }
    }

    /** A missing topic is fine when the broker creates it on first use with enough partitions. */
    private Finding missing(Admin admin, List<Node> nodes, String topic, int needed) throws InterruptedException {
        String create = "create it: kafka-topics.sh --create --topic " + topic + " --partitions " + needed
                + " --replication-factor 3 --config min.insync.replicas=2 --config max.message.bytes=6291456 (k8s/strimzi "
                + "declares it)";
        try {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.get(0).idString());
            Config config = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(broker);
            boolean autoCreate = Boolean.parseBoolean(value(config, "auto.create.topics.enable"));
            int partitions = Integer.parseInt(value(config, "num.partitions"));
            if (autoCreate && partitions >= needed) {
                return Finding.passed(AREA, "topic " + topic, "not created yet; the broker creates it on first use with "
                        + partitions + " partition(s)");
            }
            return Finding.failed(AREA, "topic " + topic, "missing" + (autoCreate ? "; the broker would create it with "
                    + partitions + " partition(s), fewer than the " + needed + " the writers use" : ""), create);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Finding.failed(AREA, "topic " + topic, "missing", create);
        }
    }

    private static String value(Config config, String name) {
        return config.get(name) == null ? "" : config.get(name).value();
    }
}

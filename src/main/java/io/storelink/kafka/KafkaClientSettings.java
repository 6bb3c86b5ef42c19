package io.storelink.kafka;

import java.util.Properties;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The connection settings of the Kafka clients the bridge builds by hand (checkpoints, health), taken from the
 * kafka component's configuration ({@code camel.component.kafka.*}): brokers, TLS and SASL are set once and every
 * client, Camel's or ours, connects the same way. Camel's own {@link KafkaConfiguration#createConsumerProperties()}
 * and {@link KafkaConfiguration#createProducerProperties()} turn them into client properties, so empty settings
 * stay unset exactly as they do for the routes' endpoints.
 */
@Component
public class KafkaClientSettings {

    private final Supplier<KafkaConfiguration> configuration;

    @Autowired
    public KafkaClientSettings(CamelContext camel) {
        // looked up on use: the component is configured (camel.component.kafka.*) when Camel adds it
        this(() -> camel.getComponent("kafka", KafkaComponent.class).getConfiguration());
    }

    public KafkaClientSettings(Supplier<KafkaConfiguration> configuration) {
        this.configuration = configuration;
    }

    public static Properties consumer(KafkaConfiguration configuration) {
        return withBrokers(configuration.createConsumerProperties(), configuration);
    }

    public static Properties producer(KafkaConfiguration configuration) {
        return withBrokers(configuration.createProducerProperties(), configuration);
    }

    /** Only what an admin client knows (connection, TLS, SASL): the consumer's other settings would be warned about. */
    public static Properties admin(KafkaConfiguration configuration) {
        Properties admin = new Properties();
        consumer(configuration).forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains((String) key)) {
                admin.put(key, value);
            }
        });
        return admin;
    }

    public Properties consumer() {
        return consumer(configuration.get());
    }

    public Properties producer() {
        return producer(configuration.get());
    }

    public Properties admin() {
        return admin(configuration.get());
    }

    private static Properties withBrokers(Properties props, KafkaConfiguration configuration) {
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, configuration.getBrokers());
        return props;
    }
}

package io.storelink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-built clients' properties come from the kafka component's configuration as application.yaml sets it:
 * unset environment variables arrive as empty strings, which must neither reach Kafka as values nor stop a client
 * being made.
 */
class KafkaClientSettingsTest {

    /** The component as application.yaml configures it when no KAFKA_* variable is set. */
    private static KafkaConfiguration defaults() {
        KafkaConfiguration c = new KafkaConfiguration();
        c.setBrokers("127.0.0.1:1");
        c.setSecurityProtocol("PLAINTEXT");
        c.setSaslMechanism("GSSAPI");
        c.setSaslJaasConfig("");
        c.setSslTruststoreLocation("");
        c.setSslTruststorePassword("");
        c.setSslTruststoreType("JKS");
        c.setSslKeystoreLocation("");
        c.setSslKeystorePassword("");
        c.setSslKeystoreType("JKS");
        c.setSslKeyPassword("");
        return c;
    }

    @Test
    void byDefaultPlaintextWithNoTlsOrSaslSetting() {
        Properties consumer = KafkaClientSettings.consumer(defaults());
        assertThat(consumer).containsEntry("bootstrap.servers", "127.0.0.1:1").containsEntry("security.protocol", "PLAINTEXT");
        assertThat(consumer.stringPropertyNames()).noneMatch(k -> k.startsWith("ssl.") || k.startsWith("sasl."));
        assertThat(KafkaClientSettings.producer(defaults()).stringPropertyNames()).noneMatch(k -> k.startsWith("ssl.") || k.startsWith("sasl."));
    }

    @Test
    void saslOverTlsWithTheJvmsCasLeavesTheEmptyStoreSettingsOutAndKafkaAcceptsIt() {
        KafkaConfiguration c = defaults();
        c.setSecurityProtocol("SASL_SSL");
        c.setSaslMechanism("PLAIN");
        c.setSaslJaasConfig("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");

        Properties producer = KafkaClientSettings.producer(c);

        assertThat(producer).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKeys("ssl.truststore.location", "ssl.truststore.password", "ssl.keystore.location", "ssl.keystore.password")
                .containsEntry("ssl.key.password", "");
        // camel-kafka passes ssl.key.password even when empty; Kafka ignores it without a keystore: the client is made
        new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer()).close(Duration.ZERO);
    }

    @Test
    void theAdminClientGetsOnlyWhatItKnows() {
        KafkaConfiguration c = defaults();
        c.setSecurityProtocol("SASL_PLAINTEXT");
        c.setSaslMechanism("SCRAM-SHA-512");
        c.setSaslJaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";");

        Properties admin = KafkaClientSettings.admin(c);

        assertThat(admin).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsEntry("bootstrap.servers", "127.0.0.1:1");
        assertThat(admin.stringPropertyNames()).allMatch(AdminClientConfig.configNames()::contains);
    }
}

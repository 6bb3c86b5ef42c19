package io.storelink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import io.storelink.kafka.KafkaClientSettings;
import org.apache.camel.component.kafka.KafkaComponent;
import org.junit.jupiter.api.Test;

class WriterLagTest {

    @Test
    void theAdminClientConnectsLikeTheWritersAndGetsNothingElse() {
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers("broker-1:9093");
        kafka.getConfiguration().setSecurityProtocol("SASL_SSL");
        kafka.getConfiguration().setSaslMechanism("SCRAM-SHA-512");
        kafka.getConfiguration().setSaslJaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule required;");
        kafka.getConfiguration().setAdditionalProperties(Map.of("ssl.truststore.type", "PEM", "fetch.max.bytes", "1"));

        Properties props = WriterLag.adminProperties(KafkaClientSettings.admin(kafka.getConfiguration()));

        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsKey("sasl.jaas.config")
                .doesNotContainKeys("fetch.max.bytes", "key.deserializer", "group.id");
    }
}

package io.storelink.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "kafka": describes the cluster with the same connection, TLS and SASL settings
 * as every other client, so a wrong password or certificate shows as DOWN with Kafka's reason (e.g. "Authentication
 * failed ... invalid credentials"); the reason never contains the secrets themselves. Hand-written because Spring
 * Boot has no Kafka indicator, and camel-kafka's checks ({@code camel.health.*}) report per route consumer or
 * producer under Camel's own component, not whether the bridge can log in to the cluster at all.
 */
@Component("kafka")
public class KafkaHealth implements HealthIndicator, DisposableBean {

    private final KafkaClientSettings clients;
    private final Duration timeout;
    private Admin admin; // one connection reused by every health call; made on first use

    public KafkaHealth(KafkaClientSettings clients, @Value("${storelink.kafka.health-timeout}") Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long wait = timeout.toMillis() + 1000;
            return Health.up()
                    .withDetail("clusterId", cluster.clusterId().get(wait, TimeUnit.MILLISECONDS))
                    .withDetail("brokers", cluster.nodes().get(wait, TimeUnit.MILLISECONDS).size())
                    .build();
        } catch (ExecutionException e) {
            return down(e.getCause());
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "Kafka did not answer within " + timeout).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (RuntimeException e) { // e.g. a truststore that cannot be read: the client cannot even be made
            return down(e);
        }
    }

    private static Health down(Throwable cause) {
        // Kafka's messages name the mechanism and what failed, never the credentials
        return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage()).build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clients.admin());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}

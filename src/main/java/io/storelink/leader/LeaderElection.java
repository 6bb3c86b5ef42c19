package io.storelink.leader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the cluster service behind the pollers' {@code master:storelink-pollers:...} endpoints. Camel Spring
 * Boot 4.17 has no auto-configuration for either service, and {@code master:} finds them only as context services.
 */
@Configuration
public class LeaderElection {

    @Bean
    CamelContextConfiguration clusterService(LeaderSettings settings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                try {
                    camel.addService(create(settings));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register cluster service " + settings.clusterService(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }

    static CamelClusterService create(LeaderSettings s) {
        String id = s.memberId() == null || s.memberId().isBlank() ? hostName() : s.memberId();
        switch (s.clusterService()) {
            case "file" -> {
                FileLockClusterService file = new FileLockClusterService();
                file.setId(id);
                file.setRoot(s.fileRoot());
                file.setAcquireLockDelay(100, TimeUnit.MILLISECONDS); // Camel wants > 0; then try at once
                file.setAcquireLockInterval(s.fileInterval().toMillis(), TimeUnit.MILLISECONDS);
                return file;
            }
            case "kubernetes" -> {
                KubernetesClusterService k8s = new KubernetesClusterService();
                k8s.setId(id);
                k8s.setPodName(id);
                k8s.setLeaseResourceType(LeaseResourceType.Lease);   // not the older ConfigMap lock
                if (s.kubernetesNamespace() != null && !s.kubernetesNamespace().isBlank()) {
                    k8s.setKubernetesResourcesNamespace(s.kubernetesNamespace()); // where the Lease lives
                }
                k8s.setLeaseDurationMillis(s.leaseDuration().toMillis());
                k8s.setRenewDeadlineMillis(s.renewDeadline().toMillis());
                k8s.setRetryPeriodMillis(s.retryPeriod().toMillis());
                return k8s;
            }
            default -> throw new IllegalArgumentException("storelink.leader.cluster-service must be file or kubernetes, not "
                    + s.clusterService());
        }
    }

    private static String hostName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "storelink-" + ProcessHandle.current().pid();
        }
    }
}

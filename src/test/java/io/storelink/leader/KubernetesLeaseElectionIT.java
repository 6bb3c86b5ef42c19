package io.storelink.leader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.kubernetes.springboot.cluster.KubernetesClusterServiceAutoConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-cluster election as Camel's Kubernetes cluster-service starter configures it (the Lease lock), against a
 * Kubernetes API server fake that stores objects (fabric8's mock server in CRUD mode): one pod's master: route runs,
 * the other's does not; when the leader's pod is gone, the other takes the Lease and its route runs.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseElectionIT {

    static final String NAMESPACE = "shop";
    static KubernetesClient client;
    static final List<AnnotationConfigApplicationContext> SPRING = new ArrayList<>();

    @Test
    void onePodRunsTheJobsAndAnotherTakesTheLeaseWhenItsPodIsGone() throws Exception {
        pod("bridge-a");
        pod("bridge-b");
        AtomicInteger runsA = new AtomicInteger();
        AtomicInteger runsB = new AtomicInteger();
        CamelContext a = bridge("bridge-a", runsA);
        CamelContext b = bridge("bridge-b", runsB);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runsA.get() + runsB.get() >= 5);
            boolean aLeads = runsA.get() > 0;
            AtomicInteger leaderRuns = aLeads ? runsA : runsB;
            AtomicInteger followerRuns = aLeads ? runsB : runsA;
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> followerRuns.get() == 0);
            assertThat(leaderRuns.get()).isPositive();
            String leader = aLeads ? "bridge-a" : "bridge-b";
            assertThat(holder()).isEqualTo(leader);

            // the leader's pod dies: its context stops renewing, the pod object goes away
            (aLeads ? a : b).stop();
            client.pods().inNamespace(NAMESPACE).withName(leader).delete();
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> followerRuns.get() > 0);
            System.out.printf("[leader] Kubernetes Lease moved to the other pod %.1f s after the leader stopped%n",
                    (System.nanoTime() - stoppedAt) / 1e9);
            assertThat(holder()).isEqualTo(aLeads ? "bridge-b" : "bridge-a");
        } finally {
            a.stop();
            b.stop();
            SPRING.forEach(AnnotationConfigApplicationContext::close);
        }
    }

    private static CamelContext bridge(String member, AtomicInteger runs) throws Exception {
        // in a pod the client finds the API server by itself; here it is told through the client's system properties
        System.setProperty("kubernetes.master", client.getMasterUrl().toString());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", NAMESPACE); // in a pod: the service account's namespace
        // the service as camel-kubernetes-cluster-service-starter builds it under the kubernetes profile (the Lease
        // timings shortened so the test does not wait the production 15 s); open as long as the pod lives
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        TestPropertyValues.of("camel.cluster.kubernetes.enabled=true", "camel.cluster.kubernetes.pod-name=" + member,
                "camel.cluster.kubernetes.lease-duration-millis=4000",
                "camel.cluster.kubernetes.renew-deadline-millis=3000",
                "camel.cluster.kubernetes.retry-period-millis=500").applyTo(spring);
        spring.register(KubernetesClusterServiceAutoConfiguration.class);
        spring.refresh();
        SPRING.add(spring);
        CamelClusterService service = spring.getBean(CamelClusterService.class);
        assertThat(((KubernetesClusterService) service).getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        CamelContext camel = new DefaultCamelContext();
        camel.addService(service);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:" + PollerLeadership.NAMESPACE + ":timer:poll?period=200").process(e -> runs.incrementAndGet());
            }
        });
        camel.start();
        return camel;
    }

    private static void pod(String name) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build()).create();
    }

    private static String holder() {
        return client.resources(Lease.class).inNamespace(NAMESPACE).list().getItems().stream()
                .map(l -> l.getSpec().getHolderIdentity()).findFirst().orElse(null);
    }
}

package io.storelink.deploy;

import static io.storelink.deploy.Manifests.get;
import static io.storelink.deploy.Manifests.list;
import static io.storelink.deploy.Manifests.map;
import static io.storelink.deploy.Manifests.setting;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example overlay (k8s/overlays/example), the Strimzi topics (k8s/strimzi) and the KEDA component, rendered by
 * kubectl kustomize, checked against the code: what the containers set is what the bridge reads, the routes and
 * settings are the repository's files unchanged, ports, the service account and the topics match.
 */
class K8sManifestsTest {

    /**
     * Read by the platform rather than by a placeholder: Spring Boot binds SPRING_PROFILES_ACTIVE to
     * spring.profiles.active (relaxed binding); the java launcher reads JDK_JAVA_OPTIONS.
     */
    static final Set<String> PLATFORM = Set.of("SPRING_PROFILES_ACTIVE", "JDK_JAVA_OPTIONS");

    static Manifests overlay;
    static Map<String, Object> bridge;

    @BeforeAll
    static void render() {
        overlay = Manifests.render(Manifests.OVERLAY);
        bridge = overlay.container("storelink", "storelink");
    }

    @Test
    void everyVariableTheContainerSetsIsOneTheBridgeReads() {
        Set<String> set = new TreeSet<>();
        list(bridge.get("env")).forEach(e -> set.add((String) e.get("name")));
        set.addAll(secretExampleKeys());
        assertThat(list(bridge.get("envFrom"))).extracting(e -> get(e, "secretRef", "name")).containsExactly("storelink");

        Set<String> readable = new TreeSet<>(Manifests.variablesTheBridgeReads());
        readable.addAll(PLATFORM);
        assertThat(readable).as("environment variables the bridge reads").containsAll(set);
        assertThat(set).contains("SPRING_PROFILES_ACTIVE", "JDK_JAVA_OPTIONS",
                "SHOPIFY_WEBHOOK_SECRET", "SALESFORCE_CLIENT_ID", "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(env("SPRING_PROFILES_ACTIVE")).isEqualTo("kubernetes");
    }

    @Test
    void theRoutesConfigMapHoldsEveryRouteFileUnchangedWhereTheBridgeLooks() throws Exception {
        Map<String, Object> data = map(overlay.configMap("storelink-routes").get("data"));
        List<String> expected = new ArrayList<>();
        for (Path route : Manifests.routeFiles()) {
            String name = route.getFileName().toString();
            expected.add(name);
            assertThat(String.valueOf(data.get(name)).getBytes(StandardCharsets.UTF_8)).as("ConfigMap storelink-routes key %s", name)
                    .isEqualTo(Files.readAllBytes(route));
        }
        assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(expected);

        String routes = env("STORELINK_ROUTES");
        assertThat(routes).startsWith("file:").endsWith("/*.camel.yaml");
        String dir = routes.substring("file:".length(), routes.length() - "/*.camel.yaml".length());
        assertThat(mountPathOf(volumeFor("storelink-routes"))).isEqualTo(dir);
    }

    @Test
    void theConfigConfigMapIsTheRepositorysApplicationYamlInTheWorkingDirectorysConfigFolder() throws Exception {
        Map<String, Object> data = map(overlay.configMap("storelink-config").get("data"));
        assertThat(data.keySet()).containsExactly("application.yaml");
        assertThat(String.valueOf(data.get("application.yaml")).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(Files.readAllBytes(Manifests.ROOT.resolve("application.yaml")));
        // Spring Boot reads ./config/application.yaml of the working directory, the image's /storelink (pom.xml)
        assertThat(mountPathOf(volumeFor("storelink-config"))).isEqualTo(imageWorkingDirectory() + "/config");
        assertThat(mountPathOf(volumeFor("storelink-routes"))).startsWith(imageWorkingDirectory() + "/");
    }

    @Test
    void probesUseTheActuatorGroupsOnTheContainerPortThatPortGives() {
        String port = list(bridge.get("env")).stream().filter(e -> "PORT".equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst().orElse(setting("server.port"));
        Map<String, Object> http = list(bridge.get("ports")).get(0);
        assertThat(String.valueOf(http.get("containerPort"))).isEqualTo(port);
        assertThat(get(bridge, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(bridge, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(bridge, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(get(bridge, probe, "httpGet", "port")).isIn(http.get("name"), http.get("containerPort"));
        }
        Map<String, Object> service = overlay.one("Service", "storelink");
        assertThat(list(get(service, "spec", "ports")).get(0).get("targetPort")).isIn(http.get("name"), http.get("containerPort"));
        assertThat(Boolean.TRUE).as("health probes enabled in application.yaml")
                .isEqualTo(get(Manifests.applicationYaml(), "management", "endpoint", "health", "probes", "enabled"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void podsRunAsTheServiceAccountTheRoleBindingNames() {
        Map<String, Object> pod = map(get(overlay.one("Deployment", "storelink"), "spec", "template", "spec"));
        String account = (String) pod.get("serviceAccountName");
        assertThat(account).isEqualTo("storelink");
        overlay.one("ServiceAccount", account);
        Map<String, Object> binding = overlay.one("RoleBinding", "storelink-leader-election");
        assertThat(list(binding.get("subjects"))).extracting(s -> s.get("kind") + "/" + s.get("name"))
                .containsExactly("ServiceAccount/" + account);
        Map<String, Object> role = overlay.one("Role", (String) get(binding, "roleRef", "name"));
        assertThat(list(role.get("rules"))).flatExtracting(r -> (List<Object>) r.get("resources")).contains("leases", "pods");
    }

    @Test
    void runsNonRootOnAReadOnlyRootWithAWritableTmpAndTheBenchmarkedMemory() {
        Map<String, Object> pod = map(get(overlay.one("Deployment", "storelink"), "spec", "template", "spec"));
        assertThat(get(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(get(pod, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(get(bridge, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(mountPathOf(list(pod.get("volumes")).stream().filter(v -> v.containsKey("emptyDir")).findFirst()
                .map(v -> (String) v.get("name")).orElseThrow())).isEqualTo("/tmp");
        assertThat(get(bridge, "resources", "limits", "memory")).isEqualTo("640Mi");
        assertThat(env("JDK_JAVA_OPTIONS")).contains("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(pomText()).contains("<user>10001:10001</user>");
    }

    @Test
    void theGracePeriodCoversAnInFlightSalesforceCall() {
        Map<String, Object> pod = map(get(overlay.one("Deployment", "storelink"), "spec", "template", "spec"));
        int grace = (Integer) pod.get("terminationGracePeriodSeconds");
        int preStop = (Integer) get(bridge, "lifecycle", "preStop", "sleep", "seconds");
        int springPhase = seconds(setting("spring.lifecycle.timeout-per-shutdown-phase"));
        int camel = Integer.parseInt(setting("camel.main.shutdown-timeout"));
        int salesforceCall = Integer.parseInt(setting("camel.component.salesforce.http-request-timeout")) / 1000;
        assertThat(setting("server.shutdown")).isEqualTo("graceful");
        assertThat(camel).as("Camel's shutdown timeout vs. a Salesforce call").isGreaterThan(salesforceCall);
        assertThat(grace).as("terminationGracePeriodSeconds").isGreaterThan(preStop + springPhase + camel);
    }

    @Test
    void everyTopicTheBridgeUsesIsAStrimziKafkaTopic() {
        Manifests strimzi = Manifests.render(Manifests.STRIMZI);
        Map<String, Object> kafka = map(get(Manifests.applicationYaml(), "storelink", "kafka"));
        int consumers = Integer.parseInt(String.valueOf(kafka.get("writer-consumers")));
        List<String> topics = kafka.entrySet().stream().filter(e -> e.getKey().endsWith("-topic"))
                .map(e -> String.valueOf(e.getValue())).toList();
        assertThat(topics).contains("shopify.orders", "shopify.fulfillments", "shopify.orders.dlq", "storelink.checkpoints");
        for (String topic : topics) {
            Map<String, Object> t = strimzi.all("KafkaTopic").stream()
                    .filter(d -> topic.equals(get(d, "spec", "topicName")) || topic.equals(get(d, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic));
            assertThat(t.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1");
            assertThat(get(t, "metadata", "labels", "strimzi.io/cluster")).isNotNull();
            int replicas = (Integer) get(t, "spec", "replicas");
            int minInSync = (Integer) get(t, "spec", "config", "min.insync.replicas");
            assertThat(minInSync).as("%s min.insync.replicas", topic).isGreaterThanOrEqualTo(2).isLessThan(replicas);
        }
        for (String writerTopic : List.of((String) kafka.get("orders-topic"), (String) kafka.get("fulfillments-topic"))) {
            assertThat(partitions(strimzi, writerTopic)).as("%s partitions", writerTopic).isGreaterThanOrEqualTo(consumers);
        }
        assertThat(get(strimzi.one("KafkaTopic", (String) kafka.get("checkpoint-topic")), "spec", "config", "cleanup.policy"))
                .isEqualTo("compact");
    }

    @Test
    void theKedaComponentScalesOnTheWritersGroupsUpToWhatThePartitionsKeepBusy() throws Exception {
        // an overlay of the example with the component, as a user would include it
        Path withKeda = Manifests.ROOT.resolve("target/k8s-keda-check");
        Files.createDirectories(withKeda);
        Files.writeString(withKeda.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../k8s/overlays/example]
                components: [../../k8s/components/keda]
                """);
        Manifests rendered = Manifests.render(withKeda);
        Manifests strimzi = Manifests.render(Manifests.STRIMZI);
        Map<String, Object> kafka = map(get(Manifests.applicationYaml(), "storelink", "kafka"));
        int consumersPerPod = Integer.parseInt(String.valueOf(kafka.get("writer-consumers")));

        Map<String, Object> scaled = rendered.one("ScaledObject", "storelink");
        assertThat(get(scaled, "spec", "scaleTargetRef", "name")).isEqualTo("storelink");
        assertThat(get(rendered.one("Deployment", "storelink"), "spec", "replicas")).as("replicas owned by KEDA's HPA").isNull();
        List<Map<String, Object>> triggers = list(get(scaled, "spec", "triggers"));
        assertThat(triggers).extracting(t -> get(t, "metadata", "consumerGroup") + "@" + get(t, "metadata", "topic"))
                .containsExactlyInAnyOrder(kafka.get("writer-group") + "@" + kafka.get("orders-topic"),
                        kafka.get("fulfillment-writer-group") + "@" + kafka.get("fulfillments-topic"));
        int max = (Integer) get(scaled, "spec", "maxReplicaCount");
        for (Map<String, Object> trigger : triggers) {
            int partitions = partitions(strimzi, (String) get(trigger, "metadata", "topic"));
            assertThat(max * consumersPerPod).as("consumers at maxReplicaCount vs. partitions").isLessThanOrEqualTo(partitions);
        }
    }

    // ---- helpers ----

    private static String env(String name) {
        return list(bridge.get("env")).stream().filter(e -> name.equals(e.get("name"))).map(e -> (String) e.get("value"))
                .findFirst().orElseThrow(() -> new AssertionError("the container does not set " + name));
    }

    private static Set<String> secretExampleKeys() {
        Set<String> keys = new TreeSet<>();
        for (String line : Manifests.read(Manifests.ROOT.resolve("k8s/secret.example.env")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.substring(0, line.indexOf('=')));
            }
        }
        return keys;
    }

    /** The pod volume that mounts the generated ConfigMap. */
    private static String volumeFor(String configMap) {
        List<Map<String, Object>> volumes = list(get(overlay.one("Deployment", "storelink"), "spec", "template", "spec", "volumes"));
        String generated = (String) get(overlay.configMap(configMap), "metadata", "name");
        return volumes.stream().filter(v -> generated.equals(get(v, "configMap", "name"))).map(v -> (String) v.get("name"))
                .findFirst().orElseThrow(() -> new AssertionError("no volume of ConfigMap " + generated));
    }

    private static String mountPathOf(String volume) {
        return list(bridge.get("volumeMounts")).stream().filter(m -> volume.equals(m.get("name")))
                .map(m -> (String) m.get("mountPath")).findFirst().orElseThrow(() -> new AssertionError("volume " + volume + " not mounted"));
    }

    private static String imageWorkingDirectory() {
        String pom = pomText();
        int at = pom.indexOf("<workingDirectory>");
        return pom.substring(at + "<workingDirectory>".length(), pom.indexOf("</workingDirectory>", at));
    }

    private static String pomText() {
        return Manifests.read(Manifests.ROOT.resolve("pom.xml"));
    }

    private static int partitions(Manifests strimzi, String topic) {
        return (Integer) get(strimzi.one("KafkaTopic", topic), "spec", "partitions");
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }
}

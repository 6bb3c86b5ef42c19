package io.storelink.deploy;

import static io.storelink.deploy.Manifests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The container image (target/jib-image.tar, built by Jib in the package phase) runs the bridge. No container
 * runtime is available (or needed): the test unpacks the image's layers into a root filesystem and starts it as a
 * runtime would, from the image's own config (Entrypoint + Cmd, WorkingDir, User, Env), with util-linux unshare in a
 * new mount and PID namespace: the root read-only and a tmpfs on /tmp, as in k8s/base/deployment.yaml. The chroot
 * shares the host's network, so the bridge reaches the embedded Kafka broker and the Salesforce fake on loopback.
 * Needs root (mounts, chroot), as CI runs.
 */
class ImageIT {

    static final Path TARGET = Manifests.ROOT.resolve("target");
    static final Path IMAGE = TARGET.resolve("jib-image.tar");
    static final Path ROOTFS = TARGET.resolve("image-it/rootfs");
    static final String SECRET = "image-it-webhook-secret";
    static final String CLIENT_ID = "image-it-client";
    static final String CLIENT_SECRET = "image-it-client-secret";
    static final String CONSOLE_USER = "test-console";
    static final String CONSOLE_PASSWORD = "test-console-password";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode config;
    static EmbeddedKafkaKraftBroker kafka;
    static FakeSalesforce salesforce;
    static FakeShopifyAdmin shopifyAdmin;
    static Process bridge;
    static int port;
    static long startedNanos;
    static Path log = TARGET.resolve("image-it/bridge.log");
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startImage() throws Exception {
        assertThat(Files.readString(Path.of("/proc/self/status")))
                .as("ImageIT runs the image with chroot and mounts: it must run as root (CI does)").containsPattern("Uid:\\s+0\\s");
        assertThat(IMAGE).as("the image tar; build it with ./mvnw package (jib:buildTar)").exists();
        config = unpack();

        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shopify.orders", "shopify.fulfillments", "shopify.orders.dlq");
        kafka.afterPropertiesSet();
        salesforce = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET);
        shopifyAdmin = FakeShopifyAdmin.start(0).accessToken("shpat_image_it");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        // the image's environment, then what a deployment adds (k8s/secret.example.env names)
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config.path("Env")) {
            String kv = e.asText();
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        env.put("PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        env.put("SHOPIFY_WEBHOOK_SECRET", SECRET);
        env.put("SALESFORCE_LOGIN_URL", salesforce.url());
        env.put("SALESFORCE_CLIENT_ID", CLIENT_ID);
        env.put("SALESFORCE_CLIENT_SECRET", CLIENT_SECRET);
        // the pollers' leader election by file lock (the default) needs a writable lock directory under /tmp
        env.put("SHOPIFY_STORE_DOMAIN", shopifyAdmin.url());
        env.put("SHOPIFY_ADMIN_API_ACCESS_TOKEN", "shpat_image_it");
        env.put("STORELINK_CONSOLE_USERNAME", CONSOLE_USER);
        env.put("STORELINK_CONSOLE_PASSWORD", CONSOLE_PASSWORD);
        env.put("SPRING_PROFILES_ACTIVE", "kubernetes");
        // no Kubernetes API here: the pollers' leader by the lock file instead of the profile's Lease
        env.put("CAMEL_CLUSTER_KUBERNETES_ENABLED", "false");
        env.put("CAMEL_CLUSTER_FILE_ENABLED", "true");

        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        config.path("Cmd").forEach(a -> command.add(a.asText()));
        ProcessBuilder pb = inImage(config, command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        startedNanos = System.nanoTime();
        bridge = pb.start();
    }

    /**
     * The command run in the unpacked image as a runtime runs it: its user and working directory, the root read-only,
     * a tmpfs on /tmp and /proc mounted, in a new mount + PID namespace (the mounts vanish with it: nothing to unmount
     * by hand). The environment starts empty.
     */
    static ProcessBuilder inImage(JsonNode config, List<String> command) {
        String[] user = config.path("User").asText().split(":");
        String root = ROOTFS.toString();
        String setup = String.join(" && ",
                "mount --bind " + root + " " + root,
                "mount -o remount,bind,ro " + root,
                "mount -t tmpfs -o mode=1777 tmpfs " + root + "/tmp",
                "mount -t proc proc " + root + "/proc",
                "exec /usr/bin/unshare --root=" + root + " --wd=" + config.path("WorkingDir").asText()
                        + " --setgid " + user[1] + " --setuid " + user[0] + " \"$@\"");
        List<String> launcher = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--propagation", "private",
                "/bin/sh", "-c", setup, "image-entrypoint"));
        launcher.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(launcher);
        pb.environment().clear();
        return pb;
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            // SIGTERM to the JVM itself (PID 1 of its namespace), as the kubelet does; then wait for its graceful stop
            List<ProcessHandle> tree = bridge.descendants().toList();
            tree.stream().filter(p -> p.info().command().orElse("").endsWith("/java")).forEach(ProcessHandle::destroy);
            long t0 = System.nanoTime();
            boolean exited = bridge.waitFor(Duration.ofSeconds(90).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            System.out.printf("image: stopped in %d ms after SIGTERM (exited: %s)%n", (System.nanoTime() - t0) / 1_000_000, exited);
            tree.forEach(ProcessHandle::destroyForcibly);
            bridge.destroyForcibly();
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (shopifyAdmin != null) {
            shopifyAdmin.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void theBridgeStartsFromTheImageAndSyncsASignedOrderToSalesforce() throws Exception {
        Manifests overlay = Manifests.render(Manifests.OVERLAY);
        Map<String, Object> container = overlay.container("storelink", "storelink");
        String readiness = (String) get(container, "readinessProbe", "httpGet", "path");
        String liveness = (String) get(container, "livenessProbe", "httpGet", "path");

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(bridge.isAlive()).as("the bridge process (log: %s)\n%s", log, tail()).isTrue();
            assertThat(status(readiness)).isEqualTo(200);
        });
        long readyMs = (System.nanoTime() - startedNanos) / 1_000_000;
        System.out.printf("image: %d bytes (tar), %d bytes uncompressed layers; process start -> readiness UP %d ms%n",
                Files.size(IMAGE), uncompressedLayerBytes(), readyMs);
        assertThat(status(liveness)).isEqualTo(200);
        assertThat(get(JSON.readValue(body(readiness), Map.class), "status")).isEqualTo("UP");
        // the one instance takes the pollers' lock in /tmp (a tmpfs, the root being read-only)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(body("/actuator/health/pollers"))
                .contains("leader: runs the jobs"));

        ObjectNode order = new OrderFactory(42).nextOrder();
        String orderId = order.get("id").asText();
        HttpResponse<String> answer = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"), SECRET,
                "storelink-image.myshopify.com").send("orders/create", order);
        assertThat(answer.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(salesforce.records("Opportunity"))
                .as("Opportunities in the Salesforce fake (log: %s)", log)
                .anySatisfy(o -> assertThat(String.valueOf(o.get("External_Shopify_Order_ID__c"))).isEqualTo(orderId)));
        assertThat(Files.readString(log)).as("the image's own JVM flags are applied").contains("Picked up JDK_JAVA_OPTIONS");
        bridge.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().ifPresent(java -> {
            try {
                String status = Files.readString(Path.of("/proc/" + java.pid() + "/status"));
                System.out.printf("image: JVM memory after one order: %s, %s%n", line(status, "VmRSS"), line(status, "VmHWM"));
            } catch (IOException gone) {
                // only a measurement
            }
        });
    }

    @Test
    void theImagesClassDataSharingArchiveFitsItsJvmAndClassPath() throws Exception {
        // the entrypoint with sharing required and -version for the main class: the JVM refuses to start when the
        // archive (src/image/add-cds-archive.sh) is missing, or was made by another JVM or for another class path
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        assertThat(command).contains("-XX:SharedArchiveFile=/app/storelink.jsa");
        command.set(command.size() - 1, "-Xshare:on");
        command.add("-version");
        ProcessBuilder pb = inImage(config, command).redirectErrorStream(true);
        for (JsonNode e : config.path("Env")) {
            String kv = e.asText();
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Process java = pb.start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(out).isZero();
        assertThat(out).contains("sharing");
    }

    // ---- the image, unpacked as a runtime does ----

    /** Applies the layers of manifest.json in order (whiteouts delete from the layers below) and returns the config. */
    static JsonNode unpack() throws Exception {
        Path image = TARGET.resolve("image-it/image");
        run("rm", "-rf", image.getParent().toString());
        Files.createDirectories(image);
        Files.createDirectories(ROOTFS);
        run("tar", "-xf", IMAGE.toString(), "-C", image.toString());
        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        for (JsonNode layer : manifest.get("Layers")) {
            String tar = image.resolve(layer.asText()).toString();
            for (String entry : run("tar", "-tf", tar).split("\n")) {
                String name = entry.startsWith("./") ? entry.substring(2) : entry;
                Path p = Path.of(name);
                String file = p.getFileName() == null ? "" : p.getFileName().toString();
                Path dir = p.getParent() == null ? ROOTFS : ROOTFS.resolve(p.getParent());
                if (file.equals(".wh..wh..opq")) {            // opaque directory: nothing below shows through
                    run("find", dir.toString(), "-mindepth", "1", "-delete");
                } else if (file.startsWith(".wh.")) {
                    run("rm", "-rf", dir.resolve(file.substring(4)).toString());
                }
            }
            run("tar", "-xf", tar, "-C", ROOTFS.toString(), "--exclude=.wh.*", "--warning=no-unknown-keyword");
        }
        // what a container runtime provides: device nodes and /etc/hosts
        Path dev = ROOTFS.resolve("dev");
        Files.createDirectories(dev);
        for (String[] node : new String[][] {{"null", "3"}, {"zero", "5"}, {"random", "8"}, {"urandom", "9"}}) {
            run("mknod", "-m", "666", dev.resolve(node[0]).toString(), "c", "1", node[1]);
        }
        Files.writeString(ROOTFS.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
        return JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
    }

    static long uncompressedLayerBytes() throws Exception {
        Path image = TARGET.resolve("image-it/image");
        long total = 0;
        for (JsonNode layer : JSON.readTree(image.resolve("manifest.json").toFile()).get(0).get("Layers")) {
            Path p = image.resolve(layer.asText());
            total += Long.parseLong(run("sh", "-c", (layer.asText().endsWith(".gz") ? "gzip -dc " : "cat ") + p + " | wc -c").trim());
        }
        return total;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    // ---- HTTP ----

    int status(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** GET with the console's credentials (health details need them once Spring Security guards the actuator). */
    String body(String path) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString((CONSOLE_USER + ":" + CONSOLE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic " + basic)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String line(String procStatus, String key) {
        return procStatus.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElse(key + ": ?").replaceAll("\\s+", " ");
    }

    static String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * "Change a route, see it" (STORELINK_ROUTES_RELOAD=true): the bridge runs on a copy of routes/; saving an edited
 * shopify-webhooks.camel.yaml replaces the intake route within 5 s while webhooks keep arriving (each answered
 * 200 is on Kafka; the others get a 5xx, which Shopify redelivers), and a broken edit is refused with a log line naming the
 * file and line while the running route stays.
 */
@TestPropertySource(properties = {
        "storelink.routes.reload=true",
        "camel.main.routes-include-pattern=file:" + RouteReloadIT.FOLDER + "/*.camel.yaml"}) // what STORELINK_ROUTES sets
@ExtendWith(OutputCaptureExtension.class)
class RouteReloadIT extends BridgeTestSupport {

    static final String FOLDER = "target/route-reload-it";
    private static final Path ROUTES = Path.of(FOLDER);
    private static final Path INTAKE = ROUTES.resolve("shopify-webhooks.camel.yaml");

    /** Fresh copies of routes/ before the bridge loads them (Spring calls this while it prepares the context). */
    @DynamicPropertySource
    static void copyOfRoutes(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(ROUTES);
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(f, ROUTES.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void anEditedRouteFileReplacesItsRouteWithin5sWithoutLosingAWebhook() throws Exception {
        WebhookSender shopify = shopify();
        assertThat(shopify.send("orders/create", orders.nextOrder()).body()).isEmpty();

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> { // Shopify keeps delivering while the route is replaced
            while (sending.get()) {
                WebhookSender.Delivery d = shopify.prepare("orders/create", OrderFactory.bytes(orders.nextOrder()));
                try {
                    HttpResponse<String> answer = shopify.deliver(d);
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    if (answer.statusCode() == 200) {
                        acknowledged.add(d.webhookId());
                    }
                } catch (IOException | InterruptedException e) {
                    statuses.merge(-1, 1, Integer::sum);
                }
            }
        }, "shopify-traffic");
        traffic.start();
        try {
            assertThat(Files.readString(INTAKE)).contains("constant: \"\"");
            long saved = System.nanoTime();
            write(INTAKE, Files.readString(INTAKE).replace("constant: \"\"", "constant: \"stored\""));
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "stored".equals(shopify.send("orders/create", orders.nextOrder()).body()));
            System.out.printf("route reload: the edited intake answered %d ms after the file was saved%n",
                    Duration.ofNanos(System.nanoTime() - saved).toMillis());
        } finally {
            sending.set(false);
            traffic.join();
        }

        System.out.println("route reload: answers while the route was replaced (status=count): " + statuses);
        // the swap takes well under a second: Shopify redelivers what got no 200 (a 503 from the gate, or a 500 from
        // camel-platform-http for a request caught in the old consumer's shutdown); never a 4xx, which it would not
        assertThat(statuses.keySet()).as("answers while the route was replaced").contains(200)
                .allMatch(status -> status == 200 || status >= 500);
        Set<String> onKafka = readAll(ORDERS_TOPIC).stream()
                .map(r -> headers(r).get("X-Shopify-Webhook-Id")).collect(Collectors.toSet());
        assertThat(onKafka).as("every webhook answered 200 is on Kafka").containsAll(acknowledged);
    }

    @Test
    void aBrokenEditIsRefusedWithFileAndLineAndTheRunningRouteStays(CapturedOutput output) throws Exception {
        String before = Files.readString(INTAKE);
        String broken = before.replaceFirst("        - process:\n            ref: webhookSignature",
                "        - process:\n            ref: webhookSignature\n          oops: [");
        assertThat(broken).isNotEqualTo(before);
        try {
            write(INTAKE, broken);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> output.getAll().contains("shopify-webhooks.camel.yaml") && output.getAll().contains("line"));
            List<String> refusal = output.getAll().lines()
                    .filter(l -> l.contains("shopify-webhooks.camel.yaml") && l.contains("line")).toList();
            System.out.println("route reload refused: " + refusal.get(0));

            HttpResponse<String> answer = shopify().send("orders/create", orders.nextOrder());
            assertThat(answer.statusCode()).as("the running intake still answers").isEqualTo(200);
        } finally {
            write(INTAKE, before);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".edit", ".tmp"); // saved whole, as editors do
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package io.storelink.fakes.shopify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SandboxStoreIT {

    @Test
    void keepsSendingAndRetriesTheSameDeliveryUntilAccepted() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> acceptedIds = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> { // every delivery fails once, then succeeds
            String id = ex.getRequestHeaders().getFirst("X-Shopify-Webhook-Id");
            ex.getRequestBody().readAllBytes();
            boolean firstTime = seen.add(id);
            if (!firstTime) acceptedIds.add(id);
            ex.sendResponseHeaders(firstTime ? 503 : 200, -1);
            ex.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        try (SandboxStore store = new SandboxStore(new WebhookSender(uri, "s", "a.myshopify.com"), new OrderFactory(1),
                20, Duration.ofMillis(20))) {
            store.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.accepted() >= 5);
            assertThat(store.failed()).isGreaterThanOrEqualTo(5);
            assertThat(acceptedIds).doesNotHaveDuplicates();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void survivesABridgeThatIsNotUpAndGivesUpAfterEightTries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); } // free port, nobody listening
        URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/shopify");
        try (SandboxStore store = new SandboxStore(new WebhookSender(uri, "s", "a.myshopify.com"), new OrderFactory(1),
                50, Duration.ofMillis(1))) {
            store.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.abandoned() >= 1);
            assertThat(store.accepted()).isZero();
            assertThat(store.failed()).isGreaterThanOrEqualTo(SandboxStore.MAX_TRIES);
        }
    }
}

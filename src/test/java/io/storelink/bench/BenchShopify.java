package io.storelink.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.storelink.fakes.shopify.GeneratedHistory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;

/**
 * The backfill benchmark's Shopify (bench/backfill-benchmark.sh), run in a JVM of its own on the test classpath.
 *
 * <pre>
 * BenchShopify serve &lt;ready-file&gt; &lt;access-token&gt; &lt;orders&gt; &lt;customers&gt; &lt;first-order-at&gt; &lt;seed&gt; &lt;expected-file&gt;
 * </pre>
 *
 * first writes the store's history, a {@link GeneratedHistory} of that many orders of exactly that many customers
 * from first-order-at on (an ISO instant; orders are 20 s to 10 min apart), to expected-file: one order a line,
 * {@code <order id> TAB <customer id> TAB <created_at> TAB <total_price>}, oldest first. Then starts {@link FakeShopifyAdmin} on
 * 127.0.0.1 (a free port) accepting the access token, whose bulk operations read the same history a page at a time
 * (made again from the seed for each operation, never held whole), and next to it a control server (another free
 * port): {@code GET /stats} answers {@code key=value} lines (requests: GraphQL POSTs; bulk_operations: bulk
 * operations created; bulk_downloads: result files served; throttled). Writes the fake's URL and the control URL to
 * ready-file, one a line, once both accept requests; then runs until killed.
 */
public final class BenchShopify {

    private BenchShopify() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8 || !args[0].equals("serve")) {
            System.err.println("usage: BenchShopify serve <ready-file> <access-token> <orders> <customers> <first-order-at> <seed> <expected-file>");
            System.exit(2);
        }
        int orders = Integer.parseInt(args[3]);
        int customers = Integer.parseInt(args[4]);
        Instant start = Instant.parse(args[5]);
        long seed = Long.parseLong(args[6]);
        GeneratedHistory history = new GeneratedHistory(seed, orders, customers, start);
        long t0 = System.nanoTime();
        String last = expected(history, Path.of(args[7]));
        System.out.printf("BenchShopify: history of %d orders of %d customers, %s to %s, written to %s in %d ms%n",
                orders, customers, start, last, args[7], (System.nanoTime() - t0) / 1_000_000);

        FakeShopifyAdmin admin = FakeShopifyAdmin.start(0).accessToken(args[2]).bulkOrderSource(history);
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        control.setExecutor(Executors.newFixedThreadPool(2));
        control.createContext("/stats", ex -> reply(ex, "requests=" + admin.requests() + "\n"
                + "bulk_operations=" + admin.bulkOperationsCreated() + "\n"
                + "bulk_downloads=" + admin.bulkDownloads() + "\n"
                + "throttled=" + admin.throttled() + "\n"));
        control.start();
        String controlUrl = "http://127.0.0.1:" + control.getAddress().getPort();
        Files.writeString(Path.of(args[1]), admin.url() + System.lineSeparator() + controlUrl + System.lineSeparator());
        System.out.println("BenchShopify ready: fake " + admin.url() + ", control " + controlUrl);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            admin.close();
            stopped.countDown();
        }, "bench-shopify-shutdown"));
        stopped.await();
    }

    /** The history's orders, one a line (id, customer id, created_at, total_price); returns the last created_at. */
    private static String expected(GeneratedHistory history, Path file) throws IOException {
        String last = "";
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode order : history) {
                last = order.get("created_at").asText();
                out.write(order.get("id").asText() + "\t" + order.at("/customer/id").asText() + "\t" + last + "\t"
                        + order.get("total_price").asText() + "\n");
            }
        }
        return last;
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}

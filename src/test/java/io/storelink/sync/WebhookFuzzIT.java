package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSigner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests to the webhook endpoint over real HTTP, generated from a seeded {@link Random}
 * (set {@code -Dfuzz.seed} to replay a run): random methods, content types, bodies (empty, binary, form-like,
 * chunked, oversized), signatures (missing, not base64, wrong), topics (missing, garbage), header sizes over
 * Tomcat's limit, query strings, and a share written byte by byte on a raw socket (what java.net.http refuses to
 * send: lying Content-Length, broken chunking, malformed request and header lines, non-ASCII bytes). No answer may
 * be a 5xx, nothing unsigned may reach Kafka, and the bridge stays ready and keeps taking signed orders.
 */
class WebhookFuzzIT extends BridgeTestSupport {

    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final int HTTP_REQUESTS = 2400;
    private static final int RAW_REQUESTS = 1200;
    private static final int MAX_BODY = 5 * 1024 * 1024;

    private static final String[] CONTENT_TYPES = {
            null, "application/json", "application/json; charset=ISO-8859-1", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8", "APPLICATION/X-WWW-FORM-URLENCODED",
            "multipart/form-data; boundary=xyz", "multipart/form-data", "multipart/mixed; boundary=",
            "text/plain", "application/xml", "application/x-java-serialized-object", "application/octet-stream",
            "%%%/;;", "", "text/html; charset=nonsense", "application/json; boundary=\"x\"; q=zz"};
    private static final String[] TOPICS = {
            null, "", "orders/create", "orders/updated", "fulfillments/create", "customers/update", "app/uninstalled",
            "orders/", "orders/../../etc", "[orders/create,x]", "orders/create, fulfillments/create", "ORDERS/CREATE"};
    /**
     * The only 5xx answers allowed, both Tomcat's own, from its HTTP/1.1 parser before any application code runs
     * (not configurable) and required by HTTP: 501 for a transfer coding it does not implement (RFC 9112 6.1),
     * 505 for an HTTP major version it does not support (RFC 9110 15.6.6). Shopify sends neither.
     */
    private static final String UNSUPPORTED_TRANSFER_ENCODING = "raw Transfer-Encoding gzip/identity (RFC 9112: 501)";
    private static final String UNSUPPORTED_VERSION = "raw HTTP/9.9 (RFC 9110: 505)";
    private static final Map<String, String> PROTOCOL_5XX = Map.of(UNSUPPORTED_TRANSFER_ENCODING, "501", UNSUPPORTED_VERSION, "505");
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern ERROR_PAGE_STATUS = Pattern.compile("HTTP Status (\\d{3})|status=(\\d{3})|\"status\":(\\d{3})");

    private static final String[] OTHER_METHODS = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO", "PROPFIND"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Requests sent a second time because the shared client's pooled connection gave no answer at all. */
    private final AtomicLong resent = new AtomicLong();

    /** A real order's bytes, for unsigned and wrongly signed requests (one, shared by the request threads). */
    private final byte[] orderBody = OrderFactory.bytes(orders.nextOrder());

    /** category -> answer (status code, or what happened instead) -> count */
    private final Map<String, Map<String, AtomicLong>> answers = new ConcurrentHashMap<>();

    @Test
    void malformedRequestsNeverGetA5xxAndEnqueueNothing() throws Exception {
        long ordersBefore = recordsIn(ORDERS_TOPIC);
        long fulfillments = recordsIn(FULFILLMENTS_TOPIC);
        long privacy = recordsIn(PRIVACY_TOPIC);
        Random seeds = new Random(SEED);
        List<Long> requestSeeds = new ArrayList<>();
        for (int i = 0; i < HTTP_REQUESTS + RAW_REQUESTS; i++) {
            requestSeeds.add(seeds.nextLong());
        }

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requestSeeds.size(); i++) {
                Random random = new Random(requestSeeds.get(i));
                boolean raw = i >= HTTP_REQUESTS;
                sent.add(pool.submit(() -> {
                    if (raw) {
                        rawRequest(random);
                    } else {
                        httpRequest(random);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        report(seconds);

        answers.forEach((category, byAnswer) -> assertThat(byAnswer.keySet()).as(category)
                .noneMatch(answer -> answer.startsWith("5") && !answer.equals(PROTOCOL_5XX.get(category))));
        answers.entrySet().stream().filter(e -> e.getKey().startsWith("http POST")).forEach(e ->
                assertThat(e.getValue().keySet()).as(e.getKey()).allMatch(answer -> answer.startsWith("4")));
        assertThat(answers.values().stream().flatMap(m -> m.values().stream()).mapToLong(AtomicLong::get).sum())
                .isEqualTo(HTTP_REQUESTS + RAW_REQUESTS);
        assertThat(recordsIn(ORDERS_TOPIC)).as("orders enqueued by unsigned requests").isEqualTo(ordersBefore);
        assertThat(recordsIn(FULFILLMENTS_TOPIC)).as("fulfillments enqueued by unsigned requests").isEqualTo(fulfillments);
        assertThat(recordsIn(PRIVACY_TOPIC)).as("privacy requests enqueued by unsigned requests").isEqualTo(privacy);

        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
        assertThat(shopify().send("orders/create", orders.nextOrder()).statusCode()).isEqualTo(200);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(ordersBefore + 1);
    }

    @Test
    void signedPoisonIsAcknowledgedAndDeadLettered() throws Exception {
        Map<String, byte[]> poison = new TreeMap<>();
        poison.put("poison-not-json", "this is not JSON \u00ff".getBytes(StandardCharsets.ISO_8859_1));
        poison.put("poison-array", "[{\"id\":1},{\"id\":2}]".getBytes(StandardCharsets.UTF_8));
        poison.put("poison-deep-array", ("{\"id\":5,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        poison.put("poison-deep-object", ("{\"id\":6,\"customer\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001))
                .getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> p : poison.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhookUri())
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Webhook-Id", p.getKey())
                    .header("X-Shopify-Hmac-Sha256", WebhookSigner.sign(p.getValue(), SECRET))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(p.getValue())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(p.getKey()).isEqualTo(200);
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(readAll(DEAD_LETTER_TOPIC).stream()
                .map(r -> headers(r).get("X-Shopify-Webhook-Id")).filter(poison::containsKey).distinct())
                .containsExactlyInAnyOrderElementsOf(poison.keySet()));
        readAll(DEAD_LETTER_TOPIC).stream().filter(r -> poison.containsKey(headers(r).get("X-Shopify-Webhook-Id")))
                .forEach(r -> assertThat(r.value()).isEqualTo(poison.get(headers(r).get("X-Shopify-Webhook-Id"))));
    }

    // ---- java.net.http requests ----

    private void httpRequest(Random random) {
        String method = random.nextInt(100) < 85 ? "POST" : pick(random, OTHER_METHODS);
        byte[] body = body(random);
        boolean chunked = random.nextInt(100) < 30;
        String query = random.nextInt(100) < 15 ? query(random) : "";
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUri() + query))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.length == 0 && random.nextBoolean() ? HttpRequest.BodyPublishers.noBody() : publisher);
        String contentType = pick(random, CONTENT_TYPES);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String topic = pick(random, TOPICS);
        if (topic != null) {
            request.header("X-Shopify-Topic", topic);
        } else if (random.nextInt(4) == 0) {
            request.header("X-Shopify-Topic", printable(random, 1 + random.nextInt(200)));
        }
        String signature = signature(random, body);
        if (signature != null) {
            request.header("X-Shopify-Hmac-Sha256", signature);
        }
        if (random.nextInt(5) == 0) {
            request.header("X-Shopify-Topic", "orders/paid"); // a duplicate header
        }
        boolean oversized = random.nextInt(100) < 3;
        if (oversized) {
            request.header("X-Padding", "p".repeat(9 * 1024 + random.nextInt(16 * 1024)));
        } else if (random.nextInt(10) == 0) {
            request.header("X-Padding", "p".repeat(random.nextInt(4 * 1024)));
        }
        String category = oversized ? "http oversized header (9-25 KB)"
                : !"POST".equals(method) ? "http other method"
                : body.length > MAX_BODY ? "http POST body over 5 MB"
                : chunked ? "http POST chunked" : "http POST";
        HttpRequest built = request.build();
        try {
            count(category, String.valueOf(send(built).statusCode()));
        } catch (IOException e) {
            count(category, "no answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends on the shared client; a request that met a pooled connection the server had just closed (nothing came
     * back at all) is sent once more on a connection of its own, as Shopify would retry it. The server's answer to
     * that second try is what counts, and is held to the same rules.
     */
    private HttpResponse<Void> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException staleConnection) {
            resent.incrementAndGet();
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // Java 17: not closeable
                    .connectTimeout(Duration.ofSeconds(2)).build();
            return fresh.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private byte[] body(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> new byte[0];
            case 2, 3 -> bytes(random, 1 + random.nextInt(4096));
            case 4 -> printable(random, 1 + random.nextInt(2048)).getBytes(StandardCharsets.US_ASCII);
            case 5 -> "a=b&c".getBytes(StandardCharsets.US_ASCII);
            case 6 -> "hello".getBytes(StandardCharsets.US_ASCII);
            case 7 -> "%zz=%&==&x=%E0%A4%A".getBytes(StandardCharsets.US_ASCII);
            case 8 -> "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n".getBytes(StandardCharsets.US_ASCII);
            case 9 -> orderBody;
            case 10 -> random.nextInt(20) == 0 ? new byte[MAX_BODY + 1 + random.nextInt(1024)] : "{".repeat(3000).getBytes(StandardCharsets.US_ASCII);
            default -> "\u00ff\u00fe\u00c3(\u0080".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private String signature(Random random, byte[] body) {
        return switch (random.nextInt(9)) {
            case 0, 1 -> null;
            case 2 -> "";
            case 3 -> "%%%not base64%%%";
            case 4 -> Base64.getEncoder().encodeToString(bytes(random, 32));
            case 5 -> WebhookSigner.sign(body, "not-the-secret");
            case 6 -> WebhookSigner.sign(bytes(random, 10), SECRET); // right secret, other bytes
            case 7 -> "[" + Base64.getEncoder().encodeToString(bytes(random, 32)) + ",x]";
            default -> Base64.getEncoder().encodeToString(bytes(random, 1 + random.nextInt(3000)));
        };
    }

    private static String query(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "?%25zz=%25&=&&=x";
            case 1 -> "?CamelHttpResponseCode=500&X-Shopify-Hmac-Sha256=x";
            case 2 -> "?" + "a=1&".repeat(2000);
            case 3 -> "?X-Shopify-Topic=orders%2Fcreate";
            default -> "?" + printable(random, 1 + random.nextInt(100)).replaceAll("[^A-Za-z0-9=&._~-]", "");
        };
    }

    // ---- raw socket requests: what java.net.http will not send ----

    private void rawRequest(Random random) {
        String path = "/webhooks/shopify";
        String common = "Host: 127.0.0.1\r\nConnection: close\r\nX-Shopify-Topic: orders/create\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String category;
        switch (random.nextInt(12)) {
            case 0 -> {
                category = "raw Content-Length longer than the body, then EOF";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common + "Content-Type: application/json\r\nContent-Length: "
                        + (100 + random.nextInt(MAX_BODY - 100)) + "\r\n\r\n{\"id\":1");
            }
            case 1 -> {
                category = "raw Content-Length far over the limit (up to 10^15)";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common + "Content-Length: "
                        + (MAX_BODY + 1 + (long) (random.nextDouble() * 1e15)) + "\r\n\r\n{}");
            }
            case 2 -> {
                category = "raw broken chunked encoding";
                String chunks = switch (random.nextInt(4)) {
                    case 0 -> "zz\r\nabc\r\n0\r\n\r\n";
                    case 1 -> "ffffffffffffffff\r\nabc";
                    case 2 -> "5\r\nabc\r\n";
                    default -> "3;" + "x".repeat(10000) + "\r\nabc\r\n0\r\n\r\n";
                };
                write(out, "POST " + path + " HTTP/1.1\r\n" + common + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
            }
            case 3 -> {
                category = "raw malformed request line";
                write(out, pick(random, new String[]{"POST  " + path + "  HTTP/1.1\r\n", "POST " + path + "\r\n",
                        "post " + path + " HTTP/1.1\r\n", "POST /webhooks/shop\u0000ify HTTP/1.1\r\n",
                        "POST /webhooks/shopify?" + "q".repeat(20000) + " HTTP/1.1\r\n", "\r\n\r\nPOST " + path + " HTTP/1.1\r\n",
                        "POST http://evil.example/webhooks/shopify HTTP/1.1\r\n", "POST /webhooks/%2e%2e/shopify HTTP/1.1\r\n",
                        "POST /webhooks/shopify?%zz=% HTTP/1.1\r\n",
                        "POST /webhooks/shopify?a=%E0%A4%A&b=%00 HTTP/1.1\r\n"}));
                write(out, common + "Content-Length: 2\r\n\r\n{}");
            }
            case 4 -> {
                category = "raw malformed header lines";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common + pick(random, new String[]{
                        "NoColonHere\r\n", "Bad Name: x\r\n", " folded: continuation\r\n", "X-Shopify-Hmac-Sha256\t: abc\r\n",
                        ": empty-name\r\n", "X-Nul: a\u0000b\r\n", "X-Bare-LF: x\n"}) + "Content-Length: 2\r\n\r\n{}");
            }
            case 5 -> {
                category = "raw non-ASCII bytes in headers and body";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common);
                out.writeBytes("X-Shopify-Hmac-Sha256: \u00ff\u00fe\u00e9\r\nX-Shopify-Shop-Domain: d\u00e9j\u00e0.myshopify.com\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] body = bytes(random, 1 + random.nextInt(1000));
                write(out, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n");
                out.writeBytes(body);
            }
            case 6 -> {
                category = "raw oversized headers (9-64 KB)";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common);
                int size = 9 * 1024 + random.nextInt(55 * 1024);
                for (int written = 0; written < size; written += 1000) {
                    write(out, "X-Pad-" + written + ": " + "p".repeat(990) + "\r\n");
                }
                write(out, "Content-Length: 2\r\n\r\n{}");
            }
            case 7 -> {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    category = "raw conflicting length headers";
                    write(out, "POST " + path + " HTTP/1.1\r\n" + common + pick(random, new String[]{
                            "Content-Length: 2\r\nContent-Length: 5\r\n", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
                            "Content-Length: -1\r\n", "Content-Length: abc\r\n"}) + "\r\n{}");
                } else if (kind < 8) {
                    category = UNSUPPORTED_TRANSFER_ENCODING;
                    write(out, "POST " + path + " HTTP/1.1\r\n" + common + pick(random, new String[]{
                            "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: identity\r\nContent-Length: 2\r\n"})
                            + "\r\n{}");
                } else {
                    category = UNSUPPORTED_VERSION;
                    write(out, "POST " + path + " HTTP/9.9\r\n" + common + "Content-Length: 2\r\n\r\n{}");
                }
            }
            case 8 -> {
                category = "raw missing Host / HTTP/1.0";
                write(out, random.nextBoolean()
                        ? "POST " + path + " HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"
                        : "POST " + path + " HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\nhello");
            }
            case 9 -> {
                category = "raw Expect: 100-continue";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common + "Expect: " + (random.nextBoolean() ? "100-continue" : "nonsense")
                        + "\r\nContent-Length: 5\r\n\r\nhello");
            }
            case 10 -> {
                category = "raw random bytes";
                out.writeBytes(bytes(random, 1 + random.nextInt(2000)));
            }
            default -> {
                category = "raw form body, no signature (curl -d)";
                write(out, "POST " + path + " HTTP/1.1\r\n" + common
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\nhello");
            }
        }
        count(category, sendRaw(out.toByteArray()));
    }

    private String sendRaw(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput(); // EOF: a lying Content-Length cannot keep the server waiting
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything (e.g. oversized headers)
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1); // Connection: close
            if (answer.isEmpty()) {
                return "closed without answer";
            }
            Matcher status = STATUS_LINE.matcher(answer);
            while (status.find()) {
                if (!status.group(1).startsWith("1")) { // past 100 Continue
                    return status.group(1);
                }
            }
            // an HTTP/0.9 request (no version) gets a bare body: Tomcat's or Spring's error page names the status
            Matcher page = ERROR_PAGE_STATUS.matcher(answer);
            return page.find() ? (page.group(1) != null ? page.group(1) : page.group(2) != null ? page.group(2) : page.group(3))
                    + " (HTTP/0.9: body only)" : "not HTTP: " + answer.substring(0, Math.min(20, answer.length())).strip();
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
    }

    // ---- helpers ----

    private void count(String category, String answer) {
        answers.computeIfAbsent(category, c -> new ConcurrentHashMap<>()).computeIfAbsent(answer, a -> new AtomicLong())
                .incrementAndGet();
    }

    private void report(long seconds) {
        StringBuilder text = new StringBuilder("Webhook fuzz, seed " + SEED + ", " + (HTTP_REQUESTS + RAW_REQUESTS)
                + " requests in " + seconds + " s, " + resent + " resent on a fresh connection\n");
        new TreeMap<>(answers).forEach((category, byAnswer) -> text.append(String.format("  %-55s %5d  %s%n", category,
                byAnswer.values().stream().mapToLong(AtomicLong::get).sum(), new TreeMap<>(byAnswer))));
        System.out.println(text);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String printable(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return s.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}

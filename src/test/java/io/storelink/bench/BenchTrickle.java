package io.storelink.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.AppliedVersion;

/**
 * The trickle benchmark (bench/writer-benchmark.sh trickle):
 * {@code BenchTrickle <webhook-url> <secret> <control-url> <events> <warm-up events> <interval-ms> <seed> <out-file>}
 * posts one signed webhook every interval through the bridge's intake: new orders created now
 * ({@code OrderFactory.live(seed)}), and every fourth event an orders/updated of an order sent before (updated_at
 * now). For each event it polls {@link BenchSalesforce}'s control server every 10 ms until the order's Opportunity
 * carries that event's updated_at: the latency is from just before the POST to then. The warm-up events go first
 * and are waited for; the Salesforce calls counted are those from after them to 1 s after the last event was
 * written. Prints {@code key=value} lines; one line per event ({@code index kind order latency_ms}) goes to
 * out-file.
 */
public final class BenchTrickle {

    private static final long TIMEOUT_MS = 30_000;

    private record Event(int index, String kind, String orderId, Instant version, long sentNanos) {
    }

    private BenchTrickle() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: BenchTrickle <webhook-url> <secret> <control-url> <events> <warm-up> <interval-ms> <seed> <out-file>");
            System.exit(2);
        }
        WebhookSender sender = new WebhookSender(URI.create(args[0]), args[1], "storelink-bench.myshopify.com");
        BenchStats fake = new BenchStats(args[2]);
        int events = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5]));
        long seed = Long.parseLong(args[6]);
        OrderFactory orders = OrderFactory.live(seed);
        Random pick = new Random(seed);
        List<ObjectNode> sentOrders = new ArrayList<>(); // the newest payload of each order sent
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        List<Future<Long>> latencies = new ArrayList<>();
        List<Event> sent = new ArrayList<>();

        long callsAtStart = fake.calls();
        long callsAfterWarmup = callsAtStart;
        long base = System.nanoTime();
        for (int i = 0; i < warmup + events; i++) {
            if (i == warmup) { // the warm-up events written, then the measured ones on a fresh schedule
                for (Future<Long> f : latencies) {
                    f.get();
                }
                callsAfterWarmup = fake.calls();
                base = System.nanoTime() - i * intervalNanos;
            }
            long slot = base + i * intervalNanos;
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String topic;
            ObjectNode payload;
            int older = sentOrders.size() - 2; // an update of an order sent at least two events ago
            if (i % 4 == 3 && older > 0) {
                int n = pick.nextInt(older);
                ObjectNode was = sentOrders.get(n);
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                Instant wasAt = OffsetDateTime.parse(was.get("updated_at").asText()).toInstant();
                Duration later = Duration.between(wasAt, now);
                String note = "update " + i;
                payload = OrderFactory.updated(was, later.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : later,
                        o -> o.put("financial_status", "paid").put("note", note));
                sentOrders.set(n, payload);
                topic = "orders/updated";
            } else {
                payload = orders.nextOrder();
                sentOrders.add(payload);
                topic = "orders/create";
            }
            WebhookSender.Delivery d = sender.prepare(topic, OrderFactory.bytes(payload));
            Event e = new Event(i, topic, payload.get("id").asText(),
                    OffsetDateTime.parse(payload.get("updated_at").asText()).toInstant(), System.nanoTime());
            int status = sender.deliver(d).statusCode();
            if (status != 200) {
                throw new IllegalStateException("event " + i + " (" + topic + ") answered " + status);
            }
            sent.add(e);
            latencies.add(pollers.submit(() -> awaitWritten(fake, e)));
        }
        long[] measured = new long[events];
        long warmupMax = 0;
        int late = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[7])))) {
            for (int i = 0; i < sent.size(); i++) {
                long ms = latencies.get(i).get();
                Event e = sent.get(i);
                out.printf("%d %s %s %d%s%n", e.index(), e.kind(), e.orderId(), ms, i < warmup ? " warm-up" : "");
                if (ms < 0) {
                    late++;
                    ms = TIMEOUT_MS;
                }
                if (i < warmup) {
                    warmupMax = Math.max(warmupMax, ms);
                } else {
                    measured[i - warmup] = ms;
                }
            }
        }
        Thread.sleep(1000);
        long callsAtEnd = fake.calls();
        pollers.shutdownNow();
        long updates = sent.stream().skip(warmup).filter(e -> e.kind().equals("orders/updated")).count();
        Arrays.sort(measured);
        long calls = callsAtEnd - callsAfterWarmup;
        System.out.println("events=" + events);
        System.out.println("updates=" + updates);
        System.out.println("warmup_events=" + warmup);
        System.out.println("calls=" + calls);
        System.out.printf("calls_per_event=%.3f%n", (double) calls / events);
        System.out.println("calls_with_warmup=" + (callsAtEnd - callsAtStart));
        System.out.println("p50_ms=" + percentile(measured, 50));
        System.out.println("p95_ms=" + percentile(measured, 95));
        System.out.println("max_ms=" + measured[measured.length - 1]);
        System.out.println("warmup_max_ms=" + warmupMax);
        System.out.println("not_written_in_30s=" + late);
    }

    /** Milliseconds from just before the POST until Salesforce holds the event's version; -1 after the timeout. */
    private static long awaitWritten(BenchStats fake, Event e) throws Exception {
        while (true) {
            String written = fake.writtenVersion(e.orderId());
            long elapsed = System.nanoTime() - e.sentNanos();
            if (written != null && !AppliedVersion.parse(written).isBefore(e.version())) {
                return TimeUnit.NANOSECONDS.toMillis(elapsed);
            }
            if (elapsed > TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS)) {
                return -1;
            }
            Thread.sleep(10);
        }
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

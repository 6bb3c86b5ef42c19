package io.storelink.crash;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.storelink.fakes.shopify.WebhookSender;

/**
 * A burst of webhook deliveries sent like Shopify sends them: a pool of sender threads, each delivery retried (same
 * body, same webhook id) after a short backoff until it gets a 200 — connection refused, reset, timeout and 503 are
 * all "no 200". Deliveries from index {@code holdFrom} on wait for {@link #release()}, so the burst is still going
 * when the test acts in its middle. Failures are counted per phase (set by the test, e.g. "bridge down"), by the
 * phase in which the attempt was sent.
 */
final class ShopifyBurst implements AutoCloseable {

    private final WebhookSender sender;
    private final List<WebhookSender.Delivery> deliveries;
    private final int holdFrom;
    private final long deadlineNanos;
    private final CountDownLatch hold = new CountDownLatch(1);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Set<String> ackedWebhookIds = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final List<Future<?>> senders = new ArrayList<>();
    private volatile String phase = "";

    ShopifyBurst(WebhookSender sender, List<WebhookSender.Delivery> deliveries, int threads, int holdFrom, Duration within,
                 String phase) {
        this.sender = sender;
        phase(phase);
        this.deliveries = List.copyOf(deliveries);
        this.holdFrom = holdFrom;
        this.deadlineNanos = System.nanoTime() + within.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "shopify-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) {
            senders.add(pool.submit(() -> {
                sendUntilDone();
                return null;
            }));
        }
    }

    private void sendUntilDone() throws InterruptedException {
        for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
            if (i >= holdFrom && !hold.await(remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("delivery " + i + " was never released");
            }
            deliverUntilAcknowledged(deliveries.get(i));
        }
    }

    private void deliverUntilAcknowledged(WebhookSender.Delivery d) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (remainingNanos() <= 0) {
                throw new IllegalStateException("webhook " + d.webhookId() + " (order " + d.orderId()
                        + ") not acknowledged after " + attempt + " attempts; failures so far: " + failures());
            }
            attempts.incrementAndGet();
            String sentIn = phase;
            inFlight.incrementAndGet();
            String failure;
            try {
                HttpResponse<String> response = sender.deliver(d);
                if (response.statusCode() == 200) {
                    ackedWebhookIds.add(d.webhookId());
                    acked.incrementAndGet();
                    return;
                }
                failure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } finally {
                inFlight.decrementAndGet();
            }
            failures.computeIfAbsent(sentIn + failure, k -> new LongAdder()).increment();
            // Shopify's retry: later, same delivery. Backoff 100 ms doubling to 1 s, with jitter.
            long backoff = Math.min(1000, 100L << Math.min(attempt - 1, 4));
            Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        }
    }

    private long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /** Labels the failures of attempts sent from now on ("bridge 1 up: HTTP 503"). */
    void phase(String name) {
        phase = name + ": ";
    }

    /** Lets the held-back deliveries go. */
    void release() {
        hold.countDown();
    }

    int acknowledged() {
        return acked.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Deliveries taken by a sender so far (first attempt made or about to be). */
    int started() {
        return Math.min(next.get(), deliveries.size());
    }

    int attempts() {
        return attempts.get();
    }

    /** A copy of the webhook ids that got a 200 so far. */
    Set<String> acknowledgedWebhookIds() {
        return Set.copyOf(ackedWebhookIds);
    }

    /** Failed attempts by phase and kind ("bridge 2 starting: ConnectException", "bridge 1 up: HTTP 503", ...). */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** True once every sender has finished; rethrows a sender's failure. */
    boolean isDone() throws Exception {
        for (Future<?> f : senders) {
            if (f.isDone()) {
                f.get(); // a failed sender fails the caller
            }
        }
        return senders.stream().allMatch(Future::isDone);
    }

    @Override
    public void close() {
        hold.countDown();
        pool.shutdownNow();
    }
}

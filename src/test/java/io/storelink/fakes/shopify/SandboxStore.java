package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "Shopify sandbox store" of the local dev setup: sends {@code orders/create} webhooks at a
 * fixed rate on one daemon thread until closed, and the store's other webhooks handed to {@link #send} (its
 * {@link SandboxActivity}) on the same thread, with the same retries. A delivery that fails (non-2xx, refused, timeout —
 * e.g. the bridge is not up yet) is retried later with the same webhook id and body, 8 tries in
 * all like Shopify, but with a compressed backoff (1 s, 2 s, 4 s … instead of ~4 h).
 *
 * <p>Logs one line per attempt with no personal data: order name, line count, total, status.
 * Give it {@link OrderFactory#live(long)} so that orders carry today's timestamps.
 */
public final class SandboxStore implements AutoCloseable {

    public static final int MAX_TRIES = 8;
    private static final Logger log = LoggerFactory.getLogger(SandboxStore.class);

    private record Pending(WebhookSender.Delivery delivery, String summary, int tries, long dueNanos) {}

    private final WebhookSender sender;
    private final OrderFactory factory;
    private final long periodNanos;
    private final Duration firstBackoff;
    private final PriorityQueue<Pending> retries = new PriorityQueue<>(Comparator.comparingLong(Pending::dueNanos));
    private final java.util.Queue<Pending> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong(), accepted = new AtomicLong(), failed = new AtomicLong(),
            abandoned = new AtomicLong();
    private ScheduledExecutorService executor;
    private java.util.function.Consumer<ObjectNode> sold = order -> { };
    private double lostWebhooks;
    private final java.util.Random losses = new java.util.Random();

    public SandboxStore(WebhookSender sender, OrderFactory factory, double ordersPerSecond) {
        this(sender, factory, ordersPerSecond, Duration.ofSeconds(1));
    }

    /** {@code firstBackoff}: wait before the 2nd try, doubling per try (tests use a few ms). */
    SandboxStore(WebhookSender sender, OrderFactory factory, double ordersPerSecond, Duration firstBackoff) {
        if (!(ordersPerSecond > 0)) throw new IllegalArgumentException("ordersPerSecond must be > 0");
        this.sender = sender;
        this.factory = factory;
        this.periodNanos = (long) (1e9 / ordersPerSecond);
        this.firstBackoff = firstBackoff;
    }

    /**
     * Every order is also handed to {@code sold} (the store's Admin API fake), and a share {@code lostWebhooks} of
     * the orders/create webhooks is never sent: what Shopify gives up on, which the reconciliation job must find.
     */
    public SandboxStore recordingSales(java.util.function.Consumer<ObjectNode> sold, double lostWebhooks) {
        this.sold = sold;
        this.lostWebhooks = lostWebhooks;
        return this;
    }

    public synchronized void start() {
        if (executor != null) throw new IllegalStateException("already started");
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shopify-sandbox-store");
            t.setDaemon(true); // never keeps the dev JVM alive
            return t;
        });
        // Fixed delay, not fixed rate: after the bridge hung, no burst of catch-up orders.
        executor.scheduleWithFixedDelay(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor == null) return;
        executor.shutdownNow();
        try {
            executor.awaitTermination(6, TimeUnit.SECONDS); // an in-flight request times out after 5 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends another topic's webhook (signed now, with a new webhook id) on the store's thread at its next tick, retried
     * like orders; {@code summary} names it in the log without personal data.
     */
    public void send(String topic, byte[] body, String summary) {
        outbox.add(new Pending(sender.prepare(topic, body), summary, 0, 0));
    }

    /** HTTP attempts made, retries included (= accepted + failed once idle). */
    public long sent() { return sent.get(); }

    /** Attempts answered 2xx. */
    public long accepted() { return accepted.get(); }

    /** Attempts that failed: non-2xx, refused or timed out. */
    public long failed() { return failed.get(); }

    /** Deliveries given up after {@link #MAX_TRIES} failed tries. */
    public long abandoned() { return abandoned.get(); }

    private void tick() {
        try { // an exception escaping a scheduled task would silently cancel all later runs
            while (!retries.isEmpty() && retries.peek().dueNanos() <= System.nanoTime()) attempt(retries.poll());
            for (Pending other = outbox.poll(); other != null; other = outbox.poll()) attempt(other);
            ObjectNode order;
            synchronized (factory) { // SandboxActivity edits its orders and makes customers from another thread
                order = factory.nextOrder();
            }
            int lines = order.get("line_items").size();
            String summary = order.get("name").asText() + " (" + lines + (lines == 1 ? " line, " : " lines, ")
                    + order.get("total_price").asText() + " " + order.get("currency").asText() + ")";
            sold.accept(order);
            if (losses.nextDouble() < lostWebhooks) {
                log.info("Sandbox store lost the orders/create webhook of {}: the reconciliation job will find it", summary);
                return;
            }
            attempt(new Pending(sender.prepare("orders/create", OrderFactory.bytes(order)), summary, 0, 0));
        } catch (RuntimeException e) {
            log.warn("Sandbox store tick failed: {}", e.toString());
        }
    }

    private void attempt(Pending p) {
        int tries = p.tries() + 1;
        String what = (tries == 1 ? "sent " : "re-sent ") + p.delivery().topic() + " " + p.summary()
                + (tries == 1 ? "" : " [try " + tries + "/" + MAX_TRIES + "]");
        String outcome;
        boolean ok;
        sent.incrementAndGet();
        try {
            HttpResponse<String> r = sender.redeliver(p.delivery());
            ok = r.statusCode() / 100 == 2;
            outcome = String.valueOf(r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
            return; // closing
        } catch (Exception e) {
            ok = false;
            outcome = "no answer (" + e.getClass().getSimpleName() + ")"; // class only: messages may echo payloads
        }
        if (ok) {
            accepted.incrementAndGet();
            log.info("Sandbox store {} -> {}", what, outcome);
            return;
        }
        failed.incrementAndGet();
        if (tries >= MAX_TRIES) {
            abandoned.incrementAndGet();
            log.warn("Sandbox store {} -> {}; giving up after {} tries", what, outcome, MAX_TRIES);
            return;
        }
        long backoff = firstBackoff.toNanos() << (tries - 1);
        log.warn("Sandbox store {} -> {}; retrying in {} ms", what, outcome, backoff / 1_000_000);
        retries.add(new Pending(p.delivery(), p.summary(), tries, System.nanoTime() + backoff));
    }
}

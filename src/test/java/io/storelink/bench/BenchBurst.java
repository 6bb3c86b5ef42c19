package io.storelink.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;

/**
 * The burst benchmark's backlog (bench/writer-benchmark.sh burst):
 * {@code BenchBurst <webhook-url> <secret> <orders> <seed> <threads>} posts {@code orders} realistic orders/create
 * webhooks ({@code new OrderFactory(seed).nextOrder()}, so the same orders as BenchBlueprint's with the same seed),
 * signed, through the bridge's intake, from {@code threads} threads; a delivery that does not get 200 is sent again
 * unchanged (as Shopify retries), for at most 60 s. Prints {@code key=value} lines: delivered, retries, seconds,
 * webhooks_per_s.
 */
public final class BenchBurst {

    private BenchBurst() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchBurst <webhook-url> <secret> <orders> <seed> <threads>");
            System.exit(2);
        }
        WebhookSender sender = new WebhookSender(URI.create(args[0]), args[1], "storelink-bench.myshopify.com");
        int count = Integer.parseInt(args[2]);
        OrderFactory orders = new OrderFactory(Long.parseLong(args[3]));
        List<WebhookSender.Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deliveries.add(sender.prepare("orders/create", OrderFactory.bytes(orders.nextOrder())));
        }
        AtomicLong retries = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[4]));
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>(count);
        for (WebhookSender.Delivery d : deliveries) {
            sent.add(pool.submit(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> r = sender.deliver(d);
                        if (r.statusCode() == 200) {
                            return null;
                        }
                    } catch (java.io.IOException retry) {
                        // like Shopify: the same delivery again
                    }
                    retries.incrementAndGet();
                    Thread.sleep(50);
                }
                throw new IllegalStateException("delivery " + d.webhookId() + " never got a 200");
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        System.out.println("delivered=" + count);
        System.out.println("retries=" + retries.get());
        System.out.printf("seconds=%.2f%n", seconds);
        System.out.printf("webhooks_per_s=%.0f%n", count / seconds);
    }
}

package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox store's life beyond orders, now and then, so that a newcomer sees each topic land on the sandbox
 * Salesforce page: a customer signs up (customers/create, then customers/update when they fill in their profile), an
 * order the store sold is refunded (refunds/create; the Admin fake records the refund, so the order's
 * totalRefundedSet the bridge reads is right) or edited (orders/edited, only the edit; the Admin fake then returns the
 * edited order), and once in a while a customer the store sent asks to be forgotten (customers/redact). Each webhook
 * goes out through the {@link SandboxStore}: signed, retried, logged without personal data.
 * <p>
 * Rates are averages (each tick draws its events), low by default so the sandbox page stays readable. Orders are
 * refunded or edited only once they are {@code settle} old: their Opportunity is usually there by then.
 */
public final class SandboxActivity implements AutoCloseable {

    /** Average events: new customers (each followed by an update), refunds and edits per minute, redactions per hour. */
    public record Rates(double customersPerMinute, double refundsPerMinute, double editsPerMinute, double redactsPerHour) {}

    private static final Logger LOG = LoggerFactory.getLogger(SandboxActivity.class);
    private static final int REMEMBERED = 500; // orders and customers it may pick from: bounds memory over hours

    private record Sold(long orderId, long atNanos) {}

    private record Customer(long id, String email, String phone, List<Long> orderIds) {}

    private final FakeShopifyAdmin admin;
    private final OrderFactory factory;
    private final SandboxStore store;
    private final String shopDomain;
    private final Rates rates;
    private final Duration settle;
    private final Duration tick;
    private final Random rnd;
    private final Deque<Sold> sold = new ArrayDeque<>();
    private final Map<Long, Customer> customers = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Customer> eldest) {
            return size() > REMEMBERED;
        }
    };
    private ObjectNode toUpdate; // the newest customer: the next customer event completes their profile
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shopify-sandbox-activity");
        t.setDaemon(true); // never keeps the dev JVM alive
        return t;
    });

    /** {@code factory}: the store's (edits re-render its orders); both lock it, it is not thread-safe. */
    public SandboxActivity(FakeShopifyAdmin admin, OrderFactory factory, SandboxStore store, String shopDomain, Rates rates) {
        this(admin, factory, store, shopDomain, rates, Duration.ofSeconds(15), Duration.ofSeconds(1), new Random());
    }

    SandboxActivity(FakeShopifyAdmin admin, OrderFactory factory, SandboxStore store, String shopDomain, Rates rates,
                    Duration settle, Duration tick, Random rnd) {
        this.admin = admin;
        this.factory = factory;
        this.store = store;
        this.shopDomain = shopDomain;
        this.rates = rates;
        this.settle = settle;
        this.tick = tick;
        this.rnd = rnd;
    }

    /** An order the store sold (its webhook sent or lost): it may be refunded or edited, its customer redacted. */
    public synchronized void sold(ObjectNode order) {
        long id = order.get("id").asLong();
        sold.addLast(new Sold(id, System.nanoTime()));
        if (sold.size() > REMEMBERED) sold.removeFirst();
        if (order.get("customer") instanceof ObjectNode c) {
            customers.computeIfAbsent(c.get("id").asLong(), k -> new Customer(k, text(c, "email"), text(c, "phone"), new ArrayList<>()))
                    .orderIds().add(id);
        }
    }

    public SandboxActivity start() {
        executor.scheduleWithFixedDelay(this::tick, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void tick() {
        try { // an exception escaping a scheduled task would cancel all later runs
            double minutes = tick.toNanos() / 60e9;
            if (chance(rates.customersPerMinute() * minutes)) customer();
            if (chance(rates.refundsPerMinute() * minutes)) refund();
            if (chance(rates.editsPerMinute() * minutes)) edit();
            if (chance(rates.redactsPerHour() * minutes / 60)) redact();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox store activity failed: {}", e.getClass().getSimpleName()); // class only: no personal data
        }
    }

    /** A new customer signs up; at the next customer event they complete their profile (an update) instead. */
    private void customer() {
        ObjectNode update;
        synchronized (this) {
            update = toUpdate;
            toUpdate = null;
        }
        if (update != null) {
            ObjectNode changed = StorePayloads.customerUpdate(update, OrderFactory.timestamp(Instant.now()), "newsletter, sandbox",
                    "Signed up in the sandbox store");
            store.send("customers/update", OrderFactory.bytes(changed), "customer " + changed.get("id").asText());
            return;
        }
        ObjectNode customer;
        synchronized (factory) {
            customer = factory.newCustomer();
        }
        synchronized (this) {
            toUpdate = customer;
            customers.put(customer.get("id").asLong(), new Customer(customer.get("id").asLong(), text(customer, "email"),
                    text(customer, "phone"), new ArrayList<>()));
        }
        store.send("customers/create", OrderFactory.bytes(customer), "new customer " + customer.get("id").asText());
    }

    /** Part of a settled order's rest is refunded (now and then all of it) in the Admin fake, then refunds/create. */
    private void refund() {
        Long orderId = settledOrder();
        ObjectNode order = orderId == null ? null : admin.order(orderId);
        if (order == null) return;
        BigDecimal total = new BigDecimal(order.path("total_price").asText("0"));
        BigDecimal refunded = BigDecimal.ZERO;
        for (JsonNode r : order.path("refunds")) {
            for (JsonNode t : r.path("transactions")) refunded = refunded.add(new BigDecimal(t.path("amount").asText("0")));
        }
        BigDecimal rest = total.subtract(refunded);
        if (rest.signum() <= 0) return; // all refunded already
        BigDecimal amount = rnd.nextDouble() < 0.3 ? rest
                : total.multiply(new BigDecimal("0.2")).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01")).min(rest);
        admin.refund(orderId, amount.toPlainString(), Instant.now());
        ObjectNode now = admin.order(orderId);
        JsonNode refund = now.path("refunds").get(now.path("refunds").size() - 1);
        store.send("refunds/create", OrderFactory.bytes(StorePayloads.refund(now, refund, "Returned by the customer")),
                amount + " " + now.path("currency").asText() + " of " + now.path("name").asText());
    }

    /** A line is added to a settled order in the Admin fake, then orders/edited (only the edit). */
    private void edit() {
        Long orderId = settledOrder();
        if (orderId == null || admin.order(orderId) == null) return;
        OrderFactory.Edit edit;
        synchronized (factory) {
            try {
                edit = factory.edit(orderId);
            } catch (IllegalArgumentException forgotten) { // older than the factory remembers
                return;
            }
        }
        admin.editOrder(edit.order());
        ObjectNode order = edit.order();
        store.send("orders/edited", OrderFactory.bytes(edit.payload()), order.path("name").asText() + " (a line added, now "
                + order.path("line_items").size() + " lines, " + order.path("total_price").asText() + " " + order.path("currency").asText() + ")");
    }

    /** A customer the store sent asks to be forgotten: customers/redact with the orders of theirs it sent. */
    private void redact() {
        Customer c;
        synchronized (this) {
            if (customers.isEmpty()) return;
            List<Customer> all = new ArrayList<>(customers.values());
            c = all.get(rnd.nextInt(all.size()));
            customers.remove(c.id()); // asked once
            // Shopify asks only about customers whose orders are done with: none of theirs is refunded or edited later
            sold.removeIf(s -> c.orderIds().contains(s.orderId()));
        }
        store.send("customers/redact", OrderFactory.bytes(StorePayloads.redact(shopDomain, c.id(), c.email(), c.phone(), c.orderIds())),
                "customer " + c.id() + " (" + c.orderIds().size() + " order(s) to redact)");
    }

    /** A random order sold at least {@code settle} ago, or null. */
    private synchronized Long settledOrder() {
        long before = System.nanoTime() - settle.toNanos();
        List<Sold> settled = sold.stream().filter(s -> s.atNanos() <= before).toList();
        return settled.isEmpty() ? null : settled.get(rnd.nextInt(settled.size())).orderId();
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

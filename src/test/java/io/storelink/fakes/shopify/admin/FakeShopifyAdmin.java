package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.schema.GraphQLEnumType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of Shopify's Admin GraphQL API on 127.0.0.1, executing queries against Shopify's real schema
 * ({@link AdminSchema}). This class owns the HTTP server and the gates every call passes (injected outages,
 * access token, counters); {@link GraphqlEndpoint} does the GraphQL part, {@link ShopData} holds the shop.
 */
public final class FakeShopifyAdmin implements AutoCloseable {

    public static final String DEFAULT_ACCESS_TOKEN = "shpat_sandbox";
    public static final List<String> DEFAULT_SCOPES = List.of("read_orders", "read_all_orders", "read_customers", "read_inventory",
            "read_locations", "read_products", "read_fulfillments");

    private static final Logger LOG = LoggerFactory.getLogger(FakeShopifyAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GRAPHQL = Pattern.compile("/admin/api/(\\d{4}-\\d{2})/graphql\\.json");
    private static final Pattern ACCESS_SCOPES = Pattern.compile("/admin/oauth/access_scopes\\.json");
    private static final int THREADS = 8;

    static {
        // The JDK server writes headers and body separately; with Nagle on, every response waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private final ShopData shop = new ShopData();
    private final CostBucket bucket = new CostBucket(2000, 100);
    private final GraphqlEndpoint graphql = new GraphqlEndpoint(shop, bucket);
    private final AdminCounters counters = new AdminCounters();
    private final AtomicInteger outagesLeft = new AtomicInteger();
    private volatile int outageStatus = 503;
    private volatile String accessToken = DEFAULT_ACCESS_TOKEN;
    private volatile List<String> scopes = DEFAULT_SCOPES;
    private volatile int throttleStatus = 200;
    private volatile String lastApiVersion;

    private FakeShopifyAdmin(int port) throws IOException {
        AdminSchema.get(); // build the schema now, not inside the first client request (and its timeout)
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "fake-shopify-admin-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps a test JVM alive
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        shop.bulkOperations().baseUrl(url);
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static FakeShopifyAdmin start(int port) {
        try {
            return new FakeShopifyAdmin(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake Shopify Admin API on port " + port, e);
        }
    }

    /** "http://127.0.0.1:PORT", the store domain the bridge should use. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        shop.bulkOperations().close();
    }

    // ---- configuration ----

    /** The one accepted X-Shopify-Access-Token. */
    public FakeShopifyAdmin accessToken(String token) {
        this.accessToken = token;
        return this;
    }

    /** The scopes the token was granted (replaces the defaults). */
    public FakeShopifyAdmin scopes(String... handles) {
        this.scopes = List.of(handles);
        return this;
    }

    /** Bucket size and restore rate (points per second); the bucket starts full again. */
    public FakeShopifyAdmin bucket(int maximumAvailable, double restoreRatePerSecond) {
        bucket.reset(maximumAvailable, restoreRatePerSecond);
        return this;
    }

    /** HTTP status of THROTTLED answers: 200 (most reports) or 429 (some). */
    public FakeShopifyAdmin throttleStatus(int httpStatus) {
        if (httpStatus != 200 && httpStatus != 429) throw new IllegalArgumentException("200 or 429");
        this.throttleStatus = httpStatus;
        return this;
    }

    /** The next {@code count} GraphQL calls fail with {@code httpStatus} (500, 502, 503, ...) before anything else. */
    public void failNext(int count, int httpStatus) {
        outageStatus = httpStatus;
        outagesLeft.set(count);
    }

    // ---- bulk operations (BulkOperations) ----

    /** Polls of a bulk operation until it can finish (default 2: CREATED -> RUNNING -> COMPLETED). */
    public FakeShopifyAdmin bulkPollsToComplete(int polls) {
        shop.bulkOperations().pollsToComplete(polls);
        return this;
    }

    /** Bulk query operations a shop may run at once (5 on 2026-01+, 1 before). */
    public FakeShopifyAdmin bulkConcurrentOperations(int max) {
        shop.bulkOperations().concurrent(max);
        return this;
    }

    /**
     * The next bulk operation ends FAILED with {@code errorCode}; with {@code partialRoots} >= 0 its partialDataUrl
     * holds that many root objects (and their children).
     */
    public void failNextBulkOperation(String errorCode, long partialRoots) {
        shop.bulkOperations().failNext(errorCode, partialRoots);
    }

    /**
     * Bulk operations from now on read {@code orders} (oldest first, e.g. a {@link io.storelink.fakes.shopify.GeneratedHistory})
     * instead of the shop's orders, a page at a time: a history far larger than the fake could hold. Their query's
     * search filter applies; sortKey is the source's order. Null: the shop's orders again.
     */
    public FakeShopifyAdmin bulkOrderSource(Iterable<ObjectNode> orders) {
        shop.bulkOperations().source(orders);
        return this;
    }

    /** Bulk operations created so far (every bulkOperationRunQuery that was not refused). */
    public long bulkOperationsCreated() {
        return shop.bulkOperations().created();
    }

    /** Result files served (GETs of a result link answered 200). */
    public long bulkDownloads() {
        return shop.bulkOperations().downloads();
    }

    /** Shopify cancels the next bulk operation. */
    public void cancelNextBulkOperation() {
        shop.bulkOperations().cancelNext();
    }

    /** The operation's result link expires: EXPIRED, the link answers 403. */
    public void expireBulkOperation(String gid) {
        shop.bulkOperations().expire(gid);
    }

    // ---- shop state ----

    /** Stores or replaces an order by id (REST shape, as OrderFactory makes them). */
    public void putOrder(ObjectNode restOrder) {
        shop.putOrder(restOrder);
    }

    /**
     * An order edit committed in the admin: the order's lines, totals and updated_at become {@code editedOrder}'s
     * (REST shape, same id), while what happened to the order since it was placed stays: its fulfillments, refunds and
     * statuses.
     */
    public void editOrder(ObjectNode editedOrder) {
        shop.editOrder(editedOrder);
    }

    /** The order is deleted in the admin: the Admin API no longer finds it. */
    public void deleteOrder(long id) {
        shop.deleteOrder(id);
    }

    public void deleteAllOrders() {
        shop.deleteAllOrders();
    }

    /** A copy of the stored order in REST shape, fulfillments included; null if unknown. */
    public ObjectNode order(long id) {
        return shop.order(id);
    }

    /**
     * Adds a fulfillment with one tracking number ({@code status} a FulfillmentStatus name, e.g. "SUCCESS")
     * and moves the order's updated_at to {@code at}.
     */
    public void fulfill(long orderId, String company, String number, String url, String status, Instant at) {
        shop.fulfill(orderId, company, number, url, status, at);
    }

    /**
     * Refunds {@code amount} (shop currency, e.g. "12.50") of a stored order, as a refund with one successful refund
     * transaction; the order's totalRefundedSet is the sum of them. Returns the refund's id.
     */
    public long refund(long orderId, String amount, Instant at) {
        return shop.refund(orderId, amount, at);
    }

    /** An active location, gid://shopify/Location/{id}. */
    public void addLocation(long id, String name) {
        shop.addLocation(id, name);
    }

    /** The available quantity of the variant's inventory item at the location (item and variant made as needed). */
    public void setAvailable(long locationId, long variantId, String sku, int available) {
        shop.setAvailable(locationId, variantId, sku, available);
    }

    /** A webhook subscription; {@code topic} as the WebhookSubscriptionTopic name, e.g. "ORDERS_CREATE". */
    public void subscribeWebhook(String topic, String uri) {
        if (AdminSchema.schema().getType("WebhookSubscriptionTopic") instanceof GraphQLEnumType e
                && e.getValue(topic) == null) {
            throw new IllegalArgumentException("not a WebhookSubscriptionTopic: " + topic);
        }
        shop.subscribe(topic, uri);
    }

    /** The addresses the topic delivers to, oldest subscription first (made here or by webhookSubscriptionCreate). */
    public List<String> webhookUris(String topic) {
        return shop.webhookUris(topic);
    }

    /** Removes every subscription to the topic (as Shopify does after 8 failed deliveries). */
    public void unsubscribeWebhook(String topic) {
        shop.unsubscribe(topic);
    }

    // ---- counters ----

    /** GraphQL POSTs answered, including throttled, refused and failed ones. */
    public long requests() {
        return counters.requests();
    }

    /** GraphQL POSTs whose operation name (document's, or the body's operationName) is {@code operationName}. */
    public long requests(String operationName) {
        return counters.requests(operationName);
    }

    /** THROTTLED answers. */
    public long throttled() {
        return counters.throttledCount();
    }

    /** The lowest currentlyAvailable left after a query was charged. */
    public double lowestAvailable() {
        return bucket.lowest();
    }

    /** The API version of the last GraphQL call (e.g. "2026-07"), or null. */
    public String lastApiVersion() {
        return lastApiVersion;
    }

    public void resetCounters() {
        counters.reset();
        bucket.resetLowest();
    }

    // ---- HTTP ----

    private record Reply(int status, Object body) {}

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith(BulkOperations.FILE_PATH) && method.equals("GET")) { // a signed link: no token
                shop.bulkOperations().serve(ex, path);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String token = ex.getRequestHeaders().getFirst("X-Shopify-Access-Token");
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            Reply reply;
            try {
                reply = route(method, path, body, token, contentType);
            } catch (RuntimeException e) {
                LOG.error("fake Shopify Admin failed on {} {}", method, path, e);
                reply = new Reply(500, ShopifyReplies.outage(500));
            }
            send(ex, reply);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } finally {
            ex.close();
        }
    }

    private Reply route(String method, String path, byte[] body, String token, String contentType) {
        Matcher graphqlPath = GRAPHQL.matcher(path);
        if (graphqlPath.matches() && method.equals("POST")) {
            lastApiVersion = graphqlPath.group(1);
            return graphql(body, token, contentType);
        }
        if (ACCESS_SCOPES.matcher(path).matches() && method.equals("GET")) {
            if (!accessToken.equals(token)) return new Reply(401, ShopifyReplies.invalidToken());
            return new Reply(200, Map.of("access_scopes", scopes.stream().map(s -> Map.of("handle", s)).toList()));
        }
        return new Reply(404, ShopifyReplies.notFound());
    }

    /** The gates in the order Shopify's edge applies them: outage, token, then the GraphQL request itself. */
    @SuppressWarnings("unchecked")
    private Reply graphql(byte[] raw, String token, String contentType) {
        String query;
        Map<String, Object> variables = Map.of();
        String operationName = null;
        boolean valid = true;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
            query = new String(raw, StandardCharsets.UTF_8);
        } else {
            Map<String, Object> request;
            try {
                request = JSON.readValue(raw, Map.class);
            } catch (IOException | RuntimeException e) {
                request = Map.of();
            }
            query = request.get("query") instanceof String q ? q : null;
            Object vars = request.get("variables");
            if (vars instanceof Map<?, ?> v) variables = (Map<String, Object>) v;
            else valid = vars == null;
            operationName = request.get("operationName") instanceof String n && !n.isEmpty() ? n : null;
        }
        counters.request(query == null ? operationName : GraphqlEndpoint.operationName(query, operationName));
        if (outagesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Reply(outageStatus, ShopifyReplies.outage(outageStatus));
        }
        if (!accessToken.equals(token)) {
            return new Reply(401, ShopifyReplies.invalidToken());
        }
        if (query == null || query.isBlank() || !valid) {
            return new Reply(400, ShopifyReplies.missingQuery());
        }
        GraphqlEndpoint.Answer answer = graphql.execute(query, variables, operationName, new LinkedHashSet<>(scopes), throttleStatus);
        if (answer.throttled()) counters.throttled();
        return new Reply(answer.status(), answer.body());
    }

    private void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (lastApiVersion != null) ex.getResponseHeaders().set("X-Shopify-API-Version", lastApiVersion);
        ex.sendResponseHeaders(reply.status(), bytes.length);
        ex.getResponseBody().write(bytes);
    }
}

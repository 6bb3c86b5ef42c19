package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.storelink.fakes.shopify.admin.OrderView.typed;

/**
 * The shop's state: REST-shape orders (fulfillments inside, as in REST), locations, inventory and webhook
 * subscriptions. One lock; views are rendered under it, so a page never mixes two versions of an order.
 */
final class ShopData {

    static final Set<String> FULFILLMENT_STATUSES = Set.of("CANCELLED", "ERROR", "FAILURE", "OPEN", "PENDING", "SUCCESS");

    private record Location(long id, String name) {}

    private record Item(long id, long variantId, String sku) {}

    record Webhook(long id, String topic, String uri, Instant createdAt) {}

    private final Map<Long, ObjectNode> orders = new HashMap<>();
    private final Map<Long, Location> locations = new TreeMap<>();
    private final Map<Long, Item> itemsByVariant = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> available = new HashMap<>(); // location -> item -> available
    private final List<Webhook> webhooks = new ArrayList<>();
    private final BulkOperations bulkOperations = new BulkOperations();
    private long nextRefundId = 900_000_001L;
    private long nextFulfillmentId = 5_421_000_000_000_000_001L;
    private long nextItemId = 4_312_000_000_000_000_001L;
    private long nextWebhookId = 1_380_000_000_001L;

    /** Not under this lock: it has its own, and its writer reads orders through this class. */
    BulkOperations bulkOperations() {
        return bulkOperations;
    }

    // ---- orders ----

    synchronized void putOrder(ObjectNode restOrder) {
        if (!restOrder.path("id").canConvertToLong() || !restOrder.hasNonNull("updated_at")) {
            throw new IllegalArgumentException("order needs id and updated_at");
        }
        orders.put(restOrder.get("id").asLong(), restOrder.deepCopy());
    }

    synchronized void deleteAllOrders() {
        orders.clear();
    }

    synchronized void deleteOrder(long id) {
        orders.remove(id);
    }

    /** Replaces the order with its edited version, keeping what happened to it since: fulfillments, refunds, statuses. */
    synchronized void editOrder(ObjectNode edited) {
        long id = edited.path("id").asLong();
        ObjectNode was = orders.get(id);
        if (was == null) throw new IllegalArgumentException("no order " + id);
        ObjectNode now = edited.deepCopy();
        for (String kept : List.of("fulfillments", "refunds", "financial_status", "fulfillment_status", "cancelled_at")) {
            if (was.has(kept)) now.set(kept, was.get(kept).deepCopy());
        }
        putOrder(now);
    }

    synchronized ObjectNode order(long id) {
        ObjectNode o = orders.get(id);
        return o == null ? null : o.deepCopy();
    }

    synchronized void fulfill(long orderId, String company, String number, String url, String status, Instant at) {
        ObjectNode o = orders.get(orderId);
        if (o == null) throw new IllegalArgumentException("no order " + orderId);
        if (!FULFILLMENT_STATUSES.contains(status)) throw new IllegalArgumentException("not a FulfillmentStatus: " + status);
        ArrayNode all = o.has("fulfillments") && o.get("fulfillments").isArray() ? (ArrayNode) o.get("fulfillments") : o.putArray("fulfillments");
        long id = nextFulfillmentId++;
        ObjectNode f = all.addObject();
        f.put("id", id).put("admin_graphql_api_id", "gid://shopify/Fulfillment/" + id).put("order_id", orderId)
                .put("name", o.path("name").asText() + "." + all.size()).put("status", status.toLowerCase())
                .put("created_at", Times.rest(at)).put("updated_at", Times.rest(at))
                .put("tracking_company", company).put("tracking_number", number).put("tracking_url", url);
        f.putArray("tracking_numbers").add(number);
        f.putArray("tracking_urls").add(url);
        if (status.equals("SUCCESS")) o.put("fulfillment_status", "fulfilled");
        o.put("updated_at", Times.rest(at));
    }

    /**
     * Adds a refund of {@code amount} in the shop currency (REST shape: one refund transaction), sets financial_status to
     * refunded or partially_refunded and moves the order's updated_at to {@code at}.
     */
    synchronized long refund(long orderId, String amount, Instant at) {
        ObjectNode o = orders.get(orderId);
        if (o == null) throw new IllegalArgumentException("no order " + orderId);
        ArrayNode all = o.has("refunds") && o.get("refunds").isArray() ? (ArrayNode) o.get("refunds") : o.putArray("refunds");
        long id = nextRefundId++;
        ObjectNode r = all.addObject();
        r.put("id", id).put("admin_graphql_api_id", "gid://shopify/Refund/" + id).put("order_id", orderId)
                .put("created_at", Times.rest(at)).put("processed_at", Times.rest(at));
        r.putArray("transactions").addObject().put("kind", "refund").put("status", "success").put("amount", amount)
                .put("currency", o.path("currency").asText());
        boolean full = OrderView.refunded(o).compareTo(new java.math.BigDecimal(o.path("total_price").asText("0"))) >= 0;
        o.put("financial_status", full ? "refunded" : "partially_refunded");
        o.put("updated_at", Times.rest(at));
        return id;
    }

    /** Orders matching {@code filter}, sorted by {@code key}, paged; only the page is rendered. */
    synchronized Map<String, Object> ordersPage(Predicate<ObjectNode> filter, Function<ObjectNode, Cursor> key,
                                                Map<String, Object> args) {
        List<Map.Entry<Cursor, ObjectNode>> matching = new ArrayList<>();
        for (ObjectNode o : orders.values()) if (filter.test(o)) matching.add(Map.entry(key.apply(o), o)); // keys once, not per comparison
        matching.sort(Map.Entry.comparingByKey(Cursor.ORDER));
        return Connections.page(matching, Map.Entry::getKey, e -> OrderView.order(e.getValue()), args);
    }

    synchronized Map<String, Object> orderView(long id) {
        ObjectNode o = orders.get(id);
        return o == null ? null : OrderView.order(o);
    }

    // ---- locations and inventory ----

    synchronized void addLocation(long id, String name) {
        locations.put(id, new Location(id, name));
        available.computeIfAbsent(id, k -> new TreeMap<>());
    }

    synchronized void setAvailable(long locationId, long variantId, String sku, int quantity) {
        if (!locations.containsKey(locationId)) throw new IllegalArgumentException("no location " + locationId + " (addLocation first)");
        Item item = itemsByVariant.get(variantId);
        item = new Item(item == null ? nextItemId++ : item.id(), variantId, sku);
        itemsByVariant.put(variantId, item);
        available.get(locationId).put(item.id(), quantity);
    }

    /** Locations sorted as Shopify's default sortKey NAME does (then id). */
    synchronized Map<String, Object> locationsPage(Map<String, Object> args) {
        Function<Location, Cursor> key = "ID".equals(args.get("sortKey"))
                ? l -> new Cursor("", l.id()) : l -> new Cursor(l.name(), l.id());
        List<Location> sorted = new ArrayList<>(locations.values());
        sorted.sort(Comparator.comparing(key, Cursor.ORDER));
        return Connections.page(sorted, key, l -> locationView(l.id()), args);
    }

    /** Unknown id: null; no id: the first (primary) location, as Shopify does. */
    synchronized Map<String, Object> locationView(Long id) {
        Location l = id == null ? locations.values().stream().findFirst().orElse(null) : locations.get(id);
        return l == null ? null : InventoryViews.location(l.id(), l.name(), () -> levels(l.id()));
    }

    private synchronized List<Map<String, Object>> levels(long locationId) {
        Map<Long, Item> byItem = new HashMap<>();
        itemsByVariant.values().forEach(i -> byItem.put(i.id(), i));
        List<Map<String, Object>> out = new ArrayList<>();
        available.getOrDefault(locationId, Map.of()).forEach((itemId, qty) -> {
            Item i = byItem.get(itemId);
            out.add(InventoryViews.level(locationId, itemId, i.variantId(), i.sku(), qty, () -> locationView(locationId)));
        });
        return out;
    }

    // ---- webhooks ----

    synchronized void subscribe(String topic, String uri) {
        webhooks.add(new Webhook(nextWebhookId++, topic, uri, Instant.now()));
    }

    /** Subscribes unless the topic already delivers to {@code uri}; false for such a duplicate. */
    synchronized boolean subscribeOnce(String topic, String uri) {
        if (webhooks.stream().anyMatch(w -> w.topic().equals(topic) && w.uri().equals(uri))) {
            return false;
        }
        subscribe(topic, uri);
        return true;
    }

    /** The subscription of {@code topic} at {@code uri}, rendered; null when there is none. */
    synchronized Map<String, Object> webhookViewAt(String topic, String uri) {
        return webhooks.stream().filter(w -> w.topic().equals(topic) && w.uri().equals(uri)).findFirst()
                .map(ShopData::webhookView).orElse(null);
    }

    /** Every subscription's address for {@code topic}, oldest first. */
    synchronized List<String> webhookUris(String topic) {
        return webhooks.stream().filter(w -> w.topic().equals(topic)).map(Webhook::uri).toList();
    }

    synchronized void unsubscribe(String topic) {
        webhooks.removeIf(w -> w.topic().equals(topic));
    }

    synchronized Map<String, Object> webhooksPage(Map<String, Object> args) {
        List<?> topics = args.get("topics") instanceof List<?> t ? t : null;
        Object uri = args.get("uri") != null ? args.get("uri") : args.get("callbackUrl");
        List<Webhook> matching = webhooks.stream()
                .filter(w -> topics == null || topics.contains(w.topic()))
                .filter(w -> uri == null || uri.equals(w.uri())).toList();
        return Connections.page(matching, w -> new Cursor("", w.id()), ShopData::webhookView, args);
    }

    private static Map<String, Object> webhookView(Webhook w) {
        Map<String, Object> m = typed("WebhookSubscription");
        m.put("id", "gid://shopify/WebhookSubscription/" + w.id());
        m.put("legacyResourceId", Long.toString(w.id()));
        m.put("topic", w.topic());
        m.put("uri", w.uri());
        m.put("callbackUrl", w.uri());
        m.put("format", "JSON");
        m.put("createdAt", Times.utc(w.createdAt()));
        m.put("updatedAt", Times.utc(w.createdAt()));
        m.put("includeFields", List.of());
        m.put("metafieldNamespaces", List.of());
        m.put("filter", null);
        return m;
    }

    static Map<String, Object> appInstallation(List<String> scopes) {
        List<Object> handles = new ArrayList<>();
        for (String s : scopes) {
            Map<String, Object> a = typed("AccessScope");
            a.put("handle", s);
            a.put("description", s.replace('_', ' '));
            handles.add(a);
        }
        Map<String, Object> m = new LinkedHashMap<>(typed("AppInstallation"));
        m.put("id", "gid://shopify/AppInstallation/1");
        m.put("accessScopes", handles);
        return m;
    }
}

package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.AdminHttp.Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FakeShopifyAdminIT {

    /** Cheap enough to page with first: 250 (cost 2 + 250 x 1 = 252). */
    private static final String IDS_SINCE = """
            query IdsSince($first: Int!, $after: String, $query: String) {
              orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                nodes { legacyResourceId updatedAt }
              }
            }""";

    private FakeShopifyAdmin admin;
    private AdminHttp http;

    @BeforeEach
    void start() {
        admin = FakeShopifyAdmin.start(0);
        http = new AdminHttp(admin.url());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    // ---- gates ----

    @Test
    void wrongOrMissingTokenGets401() {
        for (String token : new String[] {"shpat_wrong", null}) {
            Res r = http.token(token).post(AdminHttp.document("access-scopes"), Map.of());
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("errors").asText())
                    .isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
        }
        admin.accessToken("shpat_other");
        assertThat(http.token("shpat_other").post(AdminHttp.document("access-scopes"), Map.of()).status()).isEqualTo(200);
        assertThat(admin.requests()).isEqualTo(3);
        assertThat(admin.lastApiVersion()).isEqualTo("2026-07");
    }

    @Test
    void missingScopeIsAccessDeniedNamingIt() {
        admin.putOrder(new OrderFactory(3).nextOrder());
        admin.scopes("read_locations");
        Res r = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5, "query", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").isNull()).isTrue();
        JsonNode e = r.firstError();
        assertThat(e.get("message").asText()).isEqualTo("Access denied for orders field. Required access: `read_orders` access scope.");
        assertThat(e.get("path").toString()).isEqualTo("[\"orders\"]");
        assertThat(e.at("/extensions/code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(e.at("/extensions/requiredAccess").asText()).isEqualTo("`read_orders` access scope.");
        assertThat(e.at("/extensions/documentation").asText()).isEqualTo("https://shopify.dev/api/usage/access-scopes");

        admin.scopes("read_orders"); // orders yes, their customers no (Shopify's table: Customer needs read_customers)
        admin.deleteAllOrders();
        admin.putOrder(new OrderFactory(3).companyOrder());
        Res f = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5, "query", ""));
        assertThat(f.firstError().get("message").asText()).contains("Access denied for customer field")
                .contains("`read_customers`");
        assertThat(f.firstError().get("path").toString()).isEqualTo("[\"orders\",\"nodes\",0,\"customer\"]");

        Res scopes = http.post(AdminHttp.document("access-scopes"), Map.of());
        assertThat(scopes.data().at("/currentAppInstallation/accessScopes/0/handle").asText()).isEqualTo("read_orders");
        assertThat(scopes.data().at("/currentAppInstallation/accessScopes").size()).isEqualTo(1);
    }

    @Test
    void ordersOlderThanSixtyDaysAreVisibleOnlyWithReadAllOrders() {
        admin.putOrder(new OrderFactory(5, java.time.Instant.now().minus(java.time.Duration.ofDays(61))).companyOrder());
        admin.putOrder(new OrderFactory(6, java.time.Instant.now().minus(java.time.Duration.ofDays(59))).companyOrder());
        admin.scopes("read_orders", "read_customers");
        assertThat(http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5, "query", ""))
                .data().at("/orders/nodes").size()).as("without read_all_orders, silently").isEqualTo(1);

        admin.scopes("read_orders", "read_customers", "read_all_orders");
        assertThat(http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5, "query", ""))
                .data().at("/orders/nodes").size()).isEqualTo(2);
    }

    @Test
    void invalidDocumentsAndPageSizesAreRefusedLikeShopify() {
        Res unknown = http.post("{ orders(first: 1) { nodes { nope } } }", Map.of());
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().has("data")).isFalse();
        assertThat(unknown.firstError().get("message").asText()).contains("nope");
        assertThat(unknown.firstError().has("locations")).isTrue();
        assertThat(unknown.cost().get("requestedQueryCost").asInt()).isZero();

        Res tooMany = http.post(IDS_SINCE, Map.of("first", 251));
        assertThat(tooMany.firstError().get("message").asText()).contains("251").contains("250");
        assertThat(tooMany.json().has("data")).isFalse();
        Res none = http.post("{ orders { nodes { id } } }", Map.of());
        assertThat(none.json().get("errors")).hasSize(1);
        assertThat(none.firstError().get("message").asText()).isEqualTo("you must provide one of first or last");

        Res missingVariable = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5));
        assertThat(missingVariable.firstError().get("message").asText()).contains("query");
        Res notModelled = http.post("{ products(first: 1) { nodes { id } } }", Map.of());
        assertThat(notModelled.firstError().at("/extensions/code").asText()).isEqualTo("FAKE_NOT_MODELLED");
    }

    // ---- orders ----

    @Test
    void pages600OrdersInUpdatedAtOrderAndFiltersByUpdatedAt() {
        OrderFactory factory = new OrderFactory(42);
        Map<Long, Instant> updated = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            ObjectNode o = factory.nextOrder();
            if (i % 7 == 0) o = OrderFactory.updated(o, Duration.ofDays(3 + i % 5), c -> {}); // edited later: moves back in the sort
            admin.putOrder(o);
            updated.put(o.get("id").asLong(), OffsetDateTime.parse(o.get("updated_at").asText()).toInstant());
        }

        List<JsonNode> all = pageAll("", 250);
        assertThat(all).hasSize(600);
        assertThat(all.stream().map(n -> n.get("legacyResourceId").asLong()).distinct().count()).isEqualTo(600);
        assertThat(admin.requests("IdsSince")).isEqualTo(3);
        for (int i = 1; i < all.size(); i++) {
            Instant prev = Instant.parse(all.get(i - 1).get("updatedAt").asText());
            Instant cur = Instant.parse(all.get(i).get("updatedAt").asText());
            assertThat(cur).isAfterOrEqualTo(prev);
        }
        JsonNode one = all.get(0);
        assertThat(one.get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                .isEqualTo(updated.get(one.get("legacyResourceId").asLong()).toString());

        Instant pivot = Instant.parse(all.get(299).get("updatedAt").asText());
        long after = updated.values().stream().filter(t -> t.isAfter(pivot)).count();
        long atOrAfter = updated.values().stream().filter(t -> !t.isBefore(pivot)).count();
        assertThat(pageAll("updated_at:>'" + pivot + "'", 250)).hasSize((int) after);
        assertThat(pageAll("updated_at:>=" + pivot, 100)).hasSize((int) atOrAfter);
        String berlin = pivot.atOffset(ZoneOffset.ofHours(1)).toString(); // same instant, written with an offset
        assertThat(pageAll("updated_at:>'" + berlin + "'", 250)).hasSize((int) after);
    }

    @Test
    void cursorsStayCorrectWhenOrdersChangeBetweenPages() {
        OrderFactory factory = new OrderFactory(7);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orders.add(factory.nextOrder());
            admin.putOrder(orders.get(i));
        }
        Res page1 = http.post(IDS_SINCE, Map.of("first", 4));
        // the first order is edited now: it leaves page 1's range and must come again at the end, nothing skipped
        admin.putOrder(OrderFactory.updated(orders.get(0), Duration.ofDays(1), c -> {}));
        List<String> seen = new ArrayList<>();
        page1.data().at("/orders/nodes").forEach(n -> seen.add(n.get("legacyResourceId").asText()));
        String cursor = page1.data().at("/orders/pageInfo/endCursor").asText();
        while (true) {
            Res next = http.post(IDS_SINCE, Map.of("first", 4, "after", cursor));
            next.data().at("/orders/nodes").forEach(n -> seen.add(n.get("legacyResourceId").asText()));
            if (!next.data().at("/orders/pageInfo/hasNextPage").asBoolean()) break;
            cursor = next.data().at("/orders/pageInfo/endCursor").asText();
        }
        assertThat(seen).hasSize(11).containsAll(orders.stream().map(o -> o.get("id").asText()).toList());
        assertThat(seen.get(10)).isEqualTo(orders.get(0).get("id").asText());
    }

    @Test
    void bridgeOrderQueryGetsTheRestOrderInGraphqlShape() {
        OrderFactory factory = new OrderFactory(11);
        ObjectNode order = factory.companyOrder();
        admin.putOrder(order);
        long id = order.get("id").asLong();
        admin.fulfill(id, "DHL", "JJD000390007", "https://www.dhl.de/track?JJD000390007", "SUCCESS",
                Instant.parse("2026-12-01T08:00:00Z"));

        Res r = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 5, "query", "updated_at:>'2026-11-30T00:00:00Z'"));
        assertThat(r.json().has("errors")).isFalse();
        JsonNode o = r.data().at("/orders/nodes/0");
        assertThat(o.get("legacyResourceId").asText()).isEqualTo(Long.toString(id));
        assertThat(o.get("name").asText()).isEqualTo(order.get("name").asText());
        assertThat(o.get("number").asInt()).isEqualTo(order.get("order_number").asInt());
        assertThat(o.get("updatedAt").asText()).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(o.get("createdAt").asText()).isEqualTo(Instant.from(OffsetDateTime.parse(order.get("created_at").asText())).toString());
        assertThat(o.get("cancelledAt").isNull()).isTrue();
        assertThat(o.get("currencyCode").asText()).isEqualTo("EUR");
        assertThat(o.get("displayFinancialStatus").asText()).isEqualTo(order.get("financial_status").asText().toUpperCase());
        assertThat(o.at("/totalPriceSet/shopMoney/amount").asText()).isEqualTo(order.get("total_price").asText());
        JsonNode c = o.get("customer");
        assertThat(c.get("legacyResourceId").asText()).isEqualTo(order.at("/customer/id").asText());
        assertThat(c.get("firstName").asText()).isEqualTo(order.at("/customer/first_name").asText());
        assertThat(c.at("/defaultEmailAddress/emailAddress").asText()).isEqualTo(order.at("/customer/email").asText());
        assertThat(c.at("/defaultAddress/company").asText()).isEqualTo(order.at("/customer/default_address/company").asText());
        assertThat(o.at("/billingAddress/city").asText()).isEqualTo(order.at("/billing_address/city").asText());
        JsonNode line = o.at("/lineItems/nodes/0");
        assertThat(line.get("id").asText()).isEqualTo("gid://shopify/LineItem/" + order.at("/line_items/0/id").asText());
        assertThat(line.get("sku").asText()).isEqualTo(order.at("/line_items/0/sku").asText());
        assertThat(line.get("quantity").asInt()).isEqualTo(order.at("/line_items/0/quantity").asInt());
        assertThat(line.at("/originalUnitPriceSet/shopMoney/amount").asText()).isEqualTo(order.at("/line_items/0/price").asText());

        Res f = http.post(AdminHttp.document("fulfillments-updated-since"), Map.of("first", 10, "query", "updated_at:>='2026-12-01T09:00:00+01:00'"));
        JsonNode ful = f.data().at("/orders/nodes/0/fulfillments/0");
        assertThat(ful.get("name").asText()).isEqualTo(order.get("name").asText() + ".1");
        assertThat(ful.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(ful.at("/trackingInfo/0/number").asText()).isEqualTo("JJD000390007");
        assertThat(ful.at("/trackingInfo/0/company").asText()).isEqualTo("DHL");
        assertThat(admin.order(id).at("/fulfillments/0/tracking_number").asText()).isEqualTo("JJD000390007");
        assertThat(http.post("{ order(id: \"gid://shopify/Order/" + id + "\") { displayFulfillmentStatus } }", Map.of())
                .data().at("/order/displayFulfillmentStatus").asText()).isEqualTo("FULFILLED");
    }

    // ---- cost and throttling ----

    @Test
    void everyAnswerCarriesItsCostAndTheBucketDrains() {
        admin.bucket(1000, 0.01); // (almost) no refill: the drain is exact
        admin.putOrder(new OrderFactory(5).nextOrder());
        Res r = http.post(IDS_SINCE, Map.of("first", 250));
        assertThat(r.cost().get("requestedQueryCost").asInt()).isEqualTo(252);
        assertThat(r.cost().get("actualQueryCost").asInt()).isEqualTo(2 + 1); // the one order there is
        assertThat(r.cost().at("/throttleStatus/maximumAvailable").asDouble()).isEqualTo(1000.0);
        assertThat(r.cost().at("/throttleStatus/restoreRate").asDouble()).isEqualTo(0.01);
        int first = r.cost().at("/throttleStatus/currentlyAvailable").asInt();
        assertThat(first).isEqualTo(1000 - 3); // requested 252 reserved, 249 refunded
        Res again = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 6, "query", ""));
        assertThat(again.cost().get("requestedQueryCost").asInt()).isEqualTo(2 + 6 * 161);
        assertThat(again.cost().at("/throttleStatus/currentlyAvailable").asInt()).isLessThan(first);
        assertThat(admin.lowestAvailable()).isLessThan(first).isGreaterThanOrEqualTo(0);
    }

    @Test
    void throttledWhenTheBucketCannotCoverTheRequestedCost() {
        admin.putOrder(new OrderFactory(5).nextOrder());
        admin.bucket(200, 0.01);
        for (int status : new int[] {200, 429}) {
            admin.throttleStatus(status);
            Res r = http.post(IDS_SINCE, Map.of("first", 250));
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.json().has("data")).isFalse();
            assertThat(r.firstError().get("message").asText()).isEqualTo("Throttled");
            assertThat(r.firstError().at("/extensions/code").asText()).isEqualTo("THROTTLED");
            assertThat(r.cost().get("requestedQueryCost").asInt()).isEqualTo(252);
            assertThat(r.cost().get("actualQueryCost").isNull()).isTrue();
            assertThat(r.cost().at("/throttleStatus/currentlyAvailable").asInt()).isEqualTo(200); // nothing deducted
        }
        assertThat(admin.throttled()).isEqualTo(2);
        Res fits = http.post(IDS_SINCE, Map.of("first", 100));
        assertThat(fits.data().at("/orders/nodes")).hasSize(1);
        assertThat(admin.lowestAvailable()).isBetween(197.0, 197.5);
        assertThat(admin.requests()).isEqualTo(3);
    }

    @Test
    void concurrentClientsNeverOverdrawTheBucket() throws Exception {
        OrderFactory factory = new OrderFactory(9);
        for (int i = 0; i < 250; i++) admin.putOrder(factory.nextOrder()); // every page costs its full 252
        admin.bucket(1000, 50);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Res>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) answers.add(pool.submit(() -> http.post(IDS_SINCE, Map.of("first", 250))));
            long throttled = 0;
            for (Future<Res> f : answers) {
                Res r = f.get(60, TimeUnit.SECONDS);
                if (r.json().has("data")) assertThat(r.cost().at("/throttleStatus/currentlyAvailable").asInt()).isGreaterThanOrEqualTo(0);
                else throttled++;
            }
            assertThat(throttled).isPositive().isEqualTo(admin.throttled());
            assertThat(admin.lowestAvailable()).isGreaterThanOrEqualTo(0);
            assertThat(admin.requests()).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aQueryAbove1000PointsIsRefusedUnrun() {
        Res r = http.post(AdminHttp.document("orders-updated-since"), Map.of("first", 250, "query", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("data")).isFalse();
        assertThat(r.firstError().at("/extensions/code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(r.firstError().get("message").asText()).startsWith("Query cost is 40252, which exceeds the single query max cost limit (1000).");
        assertThat(r.cost().get("requestedQueryCost").asInt()).isEqualTo(40252);
        assertThat(r.cost().at("/throttleStatus/currentlyAvailable").asInt()).isEqualTo(2000);
    }

    // ---- inventory, webhooks, outages ----

    @Test
    void inventoryPerLocationPagesWithCursors() {
        admin.addLocation(71_000_001L, "Lager Berlin");
        admin.addLocation(71_000_002L, "Lager Wien");
        admin.setAvailable(71_000_001L, 9_001L, "SKU-A", 5);
        admin.setAvailable(71_000_001L, 9_002L, "SKU-B", 0);
        admin.setAvailable(71_000_001L, 9_003L, "SKU-C", 12);
        admin.setAvailable(71_000_002L, 9_001L, "SKU-A", 7);
        admin.setAvailable(71_000_001L, 9_001L, "SKU-A", 6); // update

        Res locations = http.post(AdminHttp.document("locations"), Map.of("first", 1));
        assertThat(locations.data().at("/locations/nodes/0/name").asText()).isEqualTo("Lager Berlin");
        assertThat(locations.data().at("/locations/nodes/0/id").asText()).isEqualTo("gid://shopify/Location/71000001");
        Res second = http.post(AdminHttp.document("locations"),
                Map.of("first", 1, "after", locations.data().at("/locations/pageInfo/endCursor").asText()));
        assertThat(second.data().at("/locations/nodes/0/legacyResourceId").asText()).isEqualTo("71000002");
        assertThat(second.data().at("/locations/pageInfo/hasNextPage").asBoolean()).isFalse();

        Map<String, Integer> berlin = new HashMap<>();
        Map<String, Object> vars = new HashMap<>(Map.of("location", "gid://shopify/Location/71000001", "first", 2));
        while (true) {
            Res r = http.post(AdminHttp.document("location-inventory"), vars);
            assertThat(r.json().has("errors")).isFalse();
            for (JsonNode n : r.data().at("/location/inventoryLevels/nodes")) {
                assertThat(n.at("/quantities/0/name").asText()).isEqualTo("available");
                berlin.put(n.at("/item/sku").asText() + "/" + n.at("/item/variants/nodes/0/legacyResourceId").asText(),
                        n.at("/quantities/0/quantity").asInt());
            }
            if (!r.data().at("/location/inventoryLevels/pageInfo/hasNextPage").asBoolean()) break;
            vars.put("after", r.data().at("/location/inventoryLevels/pageInfo/endCursor").asText());
        }
        assertThat(berlin).isEqualTo(Map.of("SKU-A/9001", 6, "SKU-B/9002", 0, "SKU-C/9003", 12));
        Res wien = http.post(AdminHttp.document("location-inventory"), Map.of("location", "gid://shopify/Location/71000002", "first", 50));
        assertThat(wien.data().at("/location/inventoryLevels/nodes")).hasSize(1);
        Res unknown = http.post(AdminHttp.document("location-inventory"), Map.of("location", "gid://shopify/Location/1", "first", 50));
        assertThat(unknown.data().get("location").isNull()).isTrue();

        admin.scopes("read_locations");
        Res denied = http.post(AdminHttp.document("location-inventory"), Map.of("location", "gid://shopify/Location/71000002", "first", 50));
        assertThat(denied.firstError().at("/extensions/requiredAccess").asText()).isEqualTo("`read_inventory` access scope.");
    }

    @Test
    void webhookSubscriptionsAsSubscribed() {
        admin.subscribeWebhook("ORDERS_CREATE", "https://bridge.example.com/webhooks/shopify");
        admin.subscribeWebhook("ORDERS_UPDATED", "https://bridge.example.com/webhooks/shopify");
        admin.subscribeWebhook("APP_UNINSTALLED", "https://bridge.example.com/webhooks/shopify");
        admin.unsubscribeWebhook("ORDERS_UPDATED");
        Res r = http.post(AdminHttp.document("webhook-subscriptions"), Map.of("first", 1));
        assertThat(r.data().at("/webhookSubscriptions/nodes/0/topic").asText()).isEqualTo("ORDERS_CREATE");
        assertThat(r.data().at("/webhookSubscriptions/nodes/0/uri").asText()).isEqualTo("https://bridge.example.com/webhooks/shopify");
        Res next = http.post(AdminHttp.document("webhook-subscriptions"),
                Map.of("first", 50, "after", r.data().at("/webhookSubscriptions/pageInfo/endCursor").asText()));
        assertThat(next.data().at("/webhookSubscriptions/nodes")).hasSize(1);
        assertThat(next.data().at("/webhookSubscriptions/nodes/0/topic").asText()).isEqualTo("APP_UNINSTALLED");
    }

    @Test
    void webhookSubscriptionCreateStoresTheSubscriptionListedAfterwards() {
        Res r = http.post(AdminHttp.document("webhook-subscription-create"),
                Map.of("topic", "ORDERS_PAID", "uri", "https://bridge.example.com/webhooks/shopify"));
        assertThat(r.json().has("errors")).as(r.json().toString()).isFalse();
        assertThat(r.data().at("/webhookSubscriptionCreate/userErrors")).isEmpty();
        assertThat(r.data().at("/webhookSubscriptionCreate/webhookSubscription/topic").asText()).isEqualTo("ORDERS_PAID");
        assertThat(r.data().at("/webhookSubscriptionCreate/webhookSubscription/uri").asText())
                .isEqualTo("https://bridge.example.com/webhooks/shopify");
        assertThat(r.cost().get("requestedQueryCost").asInt()).as("a mutation costs 10").isEqualTo(10);

        Res listed = http.post(AdminHttp.document("webhook-subscriptions"), Map.of("first", 50));
        assertThat(listed.data().at("/webhookSubscriptions/nodes/0/topic").asText()).isEqualTo("ORDERS_PAID");
        assertThat(admin.webhookUris("ORDERS_PAID")).containsExactly("https://bridge.example.com/webhooks/shopify");
    }

    @Test
    void webhookSubscriptionCreateAnswersShopifysUserErrors() {
        admin.subscribeWebhook("ORDERS_CREATE", "https://bridge.example.com/webhooks/shopify");
        Map<String, String> expected = Map.of(
                "https://bridge.example.com/webhooks/shopify", "Address for this topic has already been taken",
                "http://bridge.example.com/webhooks/shopify", "Address protocol http:// is not supported",
                "https://localhost/webhooks/shopify", "Address is invalid",
                "bridge.example.com/webhooks/shopify", "Address is invalid");
        expected.forEach((address, message) -> {
            Res r = http.post(AdminHttp.document("webhook-subscription-create"), Map.of("topic", "ORDERS_CREATE", "uri", address));
            assertThat(r.json().has("errors")).as(r.json().toString()).isFalse();
            assertThat(r.data().at("/webhookSubscriptionCreate/webhookSubscription").isNull()).isTrue();
            JsonNode error = r.data().at("/webhookSubscriptionCreate/userErrors/0");
            assertThat(error.get("message").asText()).as(address).isEqualTo(message);
            assertThat(error.get("field").toString()).isEqualTo("[\"webhookSubscription\",\"uri\"]");
        });
        assertThat(admin.webhookUris("ORDERS_CREATE")).containsExactly("https://bridge.example.com/webhooks/shopify");
    }

    @Test
    void webhookSubscriptionCreateWithoutTheTopicsScopeIsAccessDenied() {
        admin.scopes("read_orders"); // fulfillments/* topics need read_fulfillments (the schema's topic description)
        Res r = http.post(AdminHttp.document("webhook-subscription-create"),
                Map.of("topic", "FULFILLMENTS_CREATE", "uri", "https://bridge.example.com/webhooks/shopify"));
        JsonNode e = r.firstError();
        assertThat(e.get("message").asText())
                .isEqualTo("Access denied for webhookSubscriptionCreate field. Required access: `read_fulfillments` access scope.");
        assertThat(e.at("/extensions/code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(e.get("path").toString()).isEqualTo("[\"webhookSubscriptionCreate\"]");
        assertThat(r.data().get("webhookSubscriptionCreate").isNull()).isTrue();
        assertThat(admin.webhookUris("FULFILLMENTS_CREATE")).isEmpty();

        admin.scopes("write_fulfillments"); // a write_ scope implies its read_ scope
        Res granted = http.post(AdminHttp.document("webhook-subscription-create"),
                Map.of("topic", "FULFILLMENTS_CREATE", "uri", "https://bridge.example.com/webhooks/shopify"));
        assertThat(granted.data().at("/webhookSubscriptionCreate/userErrors")).isEmpty();
    }

    @Test
    void failNextAnswersOutagesThenRecovers() {
        admin.failNext(2, 503);
        Res a = http.post(AdminHttp.document("access-scopes"), Map.of());
        Res b = http.post(AdminHttp.document("access-scopes"), Map.of());
        Res c = http.post(AdminHttp.document("access-scopes"), Map.of());
        assertThat(a.status()).isEqualTo(503);
        assertThat(b.status()).isEqualTo(503);
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.data().at("/currentAppInstallation/accessScopes")).hasSize(FakeShopifyAdmin.DEFAULT_SCOPES.size());
        admin.failNext(1, 500);
        Res d = http.post(AdminHttp.document("access-scopes"), Map.of());
        assertThat(d.status()).isEqualTo(500);
        assertThat(d.firstError().at("/extensions/code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(admin.requests("AccessScopes")).isEqualTo(4);
        assertThat(admin.requests()).isEqualTo(4);
        admin.resetCounters();
        assertThat(admin.requests()).isZero();
    }

    private List<JsonNode> pageAll(String query, int first) {
        List<JsonNode> all = new ArrayList<>();
        Map<String, Object> vars = new HashMap<>(Map.of("first", first, "query", query));
        while (true) {
            Res r = http.post(IDS_SINCE, vars);
            assertThat(r.json().has("errors")).as(r.json().toString()).isFalse();
            r.data().at("/orders/nodes").forEach(all::add);
            if (!r.data().at("/orders/pageInfo/hasNextPage").asBoolean()) return all;
            vars.put("after", r.data().at("/orders/pageInfo/endCursor").asText());
        }
    }
}

package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.AdminHttp.Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** bulkOperationRunQuery and friends over plain HTTP, as a client sees them. */
class FakeShopifyBulkOperationsIT {

    static final String RUN = """
            mutation Run($query: String!, $group: Boolean!) {
              bulkOperationRunQuery(query: $query, groupObjects: $group) {
                bulkOperation { id status }
                userErrors { field message code }
              }
            }""";
    static final String POLL = """
            query Poll($id: ID!) {
              bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl }
            }""";
    static final String ORDERS = """
            { orders(query: "created_at:>=2020-01-01", sortKey: CREATED_AT) { edges { node {
                id name createdAt
                customer { id email defaultAddress { city } }
                lineItems { edges { node { id sku quantity } } }
            } } } }""";

    private FakeShopifyAdmin admin;
    private AdminHttp http;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        admin = FakeShopifyAdmin.start(0).bulkPollsToComplete(3);
        http = new AdminHttp(admin.url());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void completesAfterPollsAndServesJsonlWithChildrenAfterParents() throws Exception {
        OrderFactory f = new OrderFactory(7);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode o = f.nextOrder();
            orders.add(o);
            admin.putOrder(o);
        }
        String id = run(ORDERS, false);
        assertThat(poll(id).get("status").asText()).isEqualTo("RUNNING");
        JsonNode done = awaitFinished(id);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        int lines = orders.stream().mapToInt(o -> o.path("line_items").size()).sum();
        assertThat(done.get("rootObjectCount").asText()).isEqualTo("5");
        assertThat(done.get("objectCount").asText()).isEqualTo(Integer.toString(5 + lines));

        HttpResponse<String> file = get(done.get("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(Long.toString(file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)).isEqualTo(done.get("fileSize").asText());
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : file.body().split("\n")) parsed.add(AdminHttp.JSON.readTree(line));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode n = parsed.get(i);
            if (n.has("__parentId")) {
                assertThat(n.get("id").asText()).startsWith("gid://shopify/LineItem/");
                assertThat(position).containsKey(n.get("__parentId").asText()); // children after their parents
            } else {
                assertThat(n.get("id").asText()).startsWith("gid://shopify/Order/");
                assertThat(n.has("lineItems")).isFalse(); // the connection is on lines of its own
                assertThat(n.at("/customer/id").asText()).startsWith("gid://shopify/Customer/");
                position.put(n.get("id").asText(), i);
            }
        }
        // groupObjects false: all of a page's orders first, then their lines
        assertThat(parsed.subList(0, 5)).allMatch(n -> !n.has("__parentId"));
    }

    @Test
    void groupedPutsChildrenDirectlyBelowTheirParent() throws Exception {
        OrderFactory f = new OrderFactory(8);
        for (int i = 0; i < 3; i++) admin.putOrder(f.nextOrder());
        JsonNode done = awaitFinished(run(ORDERS, true));
        String[] lines = get(done.get("url").asText()).body().split("\n");
        String parent = null;
        for (String l : lines) {
            JsonNode n = AdminHttp.JSON.readTree(l);
            if (n.has("__parentId")) assertThat(n.get("__parentId").asText()).isEqualTo(parent);
            else parent = n.get("id").asText();
        }
    }

    /**
     * A generated history read a page at a time: the file is written to disk as it is made and streamed when fetched.
     * -Dstorelink.fake.bulk-orders=100000 (and -customers=30000) measures the volume the backfill benchmark uses.
     */
    @Test
    void generatedHistoryOfManyOrdersAndCustomers() throws Exception {
        int orders = Integer.getInteger("storelink.fake.bulk-orders", 2_500);
        int customers = Integer.getInteger("storelink.fake.bulk-customers", 700);
        admin.bulkOrderSource(new io.storelink.fakes.shopify.GeneratedHistory(5, orders, customers, java.time.Instant.parse("2024-01-01T00:00:00Z")));
        long start = System.nanoTime();
        JsonNode done = awaitFinished(run(ORDERS, false));
        long made = System.nanoTime();
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("rootObjectCount").asLong()).isEqualTo(orders);
        java.util.Set<String> seen = new java.util.HashSet<>();
        long[] lines = new long[2];
        HttpResponse<java.io.InputStream> file = client.send(HttpRequest.newBuilder(URI.create(done.get("url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(file.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines[0]++;
                if (!line.contains("\"__parentId\"")) {
                    lines[1]++;
                    seen.add(AdminHttp.JSON.readTree(line).at("/customer/id").asText());
                }
            }
        }
        assertThat(lines[1]).isEqualTo(orders);
        assertThat(lines[0]).isEqualTo(done.get("objectCount").asLong());
        assertThat(admin.bulkOperationsCreated()).isEqualTo(1);
        assertThat(admin.bulkDownloads()).isEqualTo(1);
        assertThat(seen).hasSize(customers);
        System.out.printf("[fake-shopify] bulk result of %d orders of %d customers: %d lines, %.1f MB, made in %d ms, read in %d ms%n",
                orders, customers, lines[0], done.get("fileSize").asLong() / 1e6, (made - start) / 1_000_000,
                (System.nanoTime() - made) / 1_000_000);
    }

    @Test
    void noResultsMeansNullUrl() {
        JsonNode done = awaitFinished(run(ORDERS, false));
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("objectCount").asText()).isEqualTo("0");
        assertThat(done.get("url").isNull()).isTrue();
    }

    @Test
    void invalidQueriesAreUserErrors() {
        assertThat(userError("{ shop { name } }")).isEqualTo("INVALID"); // no connection
        assertThat(userError("{ node(id: \"gid://shopify/Order/1\") { id } }")).isEqualTo("INVALID");
        assertThat(userError("{ orders { edges { node { idx } } } }")).isEqualTo("INVALID"); // not in the schema
        assertThat(userError("""
                { orders { edges { node { id lineItems { edges { node { id } } }
                  fulfillments { id } customer { orders { edges { node { id lineItems { edges { node { id } } } } } } } } } } }""")).isEqualTo("INVALID"); // 3 levels
        assertThat(BulkQueryRules.check("""
                { orders { edges { node { id
                  a: lineItems { nodes { id } } b: lineItems { nodes { id } } c: lineItems { nodes { id } }
                  d: lineItems { nodes { id } } e: lineItems { nodes { id } } } } } }""").problem()).contains("5 connections");
    }

    @Test
    void concurrencyCapIsAUserError() {
        admin.bulkConcurrentOperations(1);
        run(ORDERS, false);
        assertThat(userError(ORDERS)).isEqualTo("OPERATION_IN_PROGRESS");
        admin.bulkConcurrentOperations(BulkOperations.DEFAULT_CONCURRENT);
        for (int i = 0; i < 4; i++) run(ORDERS, false);
        assertThat(userError(ORDERS)).isEqualTo("LIMIT_REACHED");
    }

    @Test
    void failedWithPartialDataCanceledAndExpired() throws Exception {
        OrderFactory f = new OrderFactory(9);
        for (int i = 0; i < 4; i++) admin.putOrder(f.nextOrder());
        admin.failNextBulkOperation("TIMEOUT", 2);
        JsonNode failed = awaitFinished(run(ORDERS, false));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("errorCode").asText()).isEqualTo("TIMEOUT");
        assertThat(failed.get("url").isNull()).isTrue();
        assertThat(failed.get("rootObjectCount").asText()).isEqualTo("2");
        assertThat(get(failed.get("partialDataUrl").asText()).statusCode()).isEqualTo(200);

        admin.cancelNextBulkOperation();
        assertThat(awaitFinished(run(ORDERS, false)).get("status").asText()).isEqualTo("CANCELED");

        String id = run(ORDERS, false);
        Res cancel = http.post("mutation C($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }",
                Map.of("id", id));
        assertThat(cancel.data().at("/bulkOperationCancel/bulkOperation/status").asText()).isEqualTo("CANCELING");
        assertThat(poll(id).get("status").asText()).isEqualTo("CANCELED");

        JsonNode done = awaitFinished(run(ORDERS, false));
        admin.expireBulkOperation(done.get("id").asText());
        JsonNode expired = poll(done.get("id").asText());
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(get(done.get("url").asText()).statusCode()).isEqualTo(403);
    }

    @Test
    void missingScopeFailsWithAccessDenied() {
        admin.putOrder(new OrderFactory(10).nextOrder());
        admin.scopes("read_orders"); // no read_customers
        JsonNode failed = awaitFinished(run(ORDERS, false));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("errorCode").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void currentBulkOperationAndNodeReadItBack() {
        String id = run(ORDERS, false);
        Res current = http.post("{ currentBulkOperation(type: QUERY) { id status } }", Map.of());
        assertThat(current.data().at("/currentBulkOperation/id").asText()).isEqualTo(id);
        Res node = http.post("query N($id: ID!) { node(id: $id) { ... on BulkOperation { id status url } } }", Map.of("id", id));
        assertThat(node.data().at("/node/id").asText()).isEqualTo(id);
    }

    private String run(String query, boolean group) {
        Res r = http.post(RUN, Map.of("query", query, "group", group));
        JsonNode payload = r.data().get("bulkOperationRunQuery");
        assertThat(payload.get("userErrors")).as(r.json().toString()).isEmpty();
        assertThat(payload.at("/bulkOperation/status").asText()).isEqualTo("CREATED");
        return payload.at("/bulkOperation/id").asText();
    }

    private String userError(String query) {
        JsonNode payload = http.post(RUN, Map.of("query", query, "group", false)).data().get("bulkOperationRunQuery");
        assertThat(payload.get("bulkOperation").isNull()).isTrue();
        return payload.at("/userErrors/0/code").asText();
    }

    private JsonNode poll(String id) {
        Res r = http.post(POLL, Map.of("id", id));
        assertThat(r.json().has("errors")).as(r.json().toString()).isFalse();
        return r.data().get("bulkOperation");
    }

    private JsonNode awaitFinished(String id) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20 + Integer.getInteger("storelink.fake.bulk-orders", 0) / 200)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> {
                    last[0] = poll(id);
                    String s = last[0].get("status").asText();
                    return !s.equals("CREATED") && !s.equals("RUNNING") && !s.equals("CANCELING");
                });
        return last[0];
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

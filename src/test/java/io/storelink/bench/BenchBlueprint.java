package io.storelink.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.mapping.Upsert;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import io.storelink.shopify.ParseOrder;

/**
 * The blueprint's per-order shape, for comparison with the batched writer (bench/writer-benchmark.sh blueprint):
 * {@code BenchBlueprint <salesforce-url> <control-url> <client-id> <client-secret> <orders> <seed> <threads>}
 * writes the first {@code orders} orders of {@code new OrderFactory(seed).nextOrder()} (the burst's orders) to the
 * Salesforce fake one order at a time per thread, as the blueprint's step 4 does: a SOQL query whether the order's
 * Opportunity exists, upsert the Account by external id, upsert the Contact by external id (linked to the Account),
 * then create the Opportunity (or update the one found), linked to both: 4 REST calls per order, 3 for a guest
 * checkout without contact. The fields are Storelink's own mapping (io.storelink.orders.OrderMapping, the shipped
 * application.yaml), so both write the same records. Prints {@code key=value} lines: orders, calls (the fake's
 * metered count, the OAuth token request not included), calls_per_order, seconds, orders_per_s, threads.
 */
public final class BenchBlueprint {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String VERSION = "v64.0";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    private BenchBlueprint(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: BenchBlueprint <salesforce-url> <control-url> <client-id> <client-secret> <orders> <seed> <threads>");
            System.exit(2);
        }
        BenchStats fake = new BenchStats(args[1]);
        int count = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[6]);
        OrderFactory factory = new OrderFactory(Long.parseLong(args[5]));
        OrderMapping mapping = TestSettings.orderMapping();
        ParseOrder parser = new ParseOrder(JSON);
        List<OrderUpserts> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ShopifyPayload<ShopifyOrder> order = parser.read(OrderFactory.bytes(factory.nextOrder()));
            orders.add(TestSettings.fitted(mapping.map(order.value(), order.json())));
        }
        BenchBlueprint client = login(args[0], args[2], args[3]);
        long calls = fake.calls();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (OrderUpserts order : orders) {
            done.add(pool.submit(() -> {
                client.write(order);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        calls = fake.calls() - calls;
        System.out.println("orders=" + count);
        System.out.println("threads=" + threads);
        System.out.println("calls=" + calls);
        System.out.printf("calls_per_order=%.3f%n", (double) calls / count);
        System.out.printf("seconds=%.2f%n", seconds);
        System.out.printf("orders_per_s=%.0f%n", count / seconds);
        System.out.println("opportunities=" + fake.stats().get("opportunitys"));
    }

    private static BenchBlueprint login(String loginUrl, String clientId, String clientSecret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(loginUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        return new BenchBlueprint(body.get("instance_url").asText() + "/services/data/" + VERSION, body.get("access_token").asText());
    }

    /** One order, the blueprint's way: query, upsert Account, upsert Contact, create (or update) the Opportunity. */
    private void write(OrderUpserts order) throws Exception {
        Upsert opportunity = order.opportunity();
        String soql = "SELECT Id FROM Opportunity WHERE " + opportunity.externalIdField() + " = '" + opportunity.externalId() + "'";
        JsonNode found = call("GET", "/query?q=" + enc(soql), null).path("records");
        String accountId = upsert(order.account());
        Map<String, Object> opportunityFields = new LinkedHashMap<>(opportunity.fields());
        opportunityFields.put("AccountId", accountId);
        if (order.contact().isPresent()) {
            Map<String, Object> contact = new LinkedHashMap<>(order.contact().get().fields());
            contact.put("AccountId", accountId);
            opportunityFields.put("ContactId", upsert(new Upsert(order.contact().get().sObject(),
                    order.contact().get().externalIdField(), order.contact().get().externalId(), contact)));
        }
        if (found.size() > 0) {
            call("PATCH", "/sobjects/Opportunity/" + found.get(0).get("Id").asText(), opportunityFields);
        } else {
            opportunityFields.put(opportunity.externalIdField(), opportunity.externalId());
            call("POST", "/sobjects/Opportunity", opportunityFields);
        }
    }

    private String upsert(Upsert u) throws Exception {
        return call("PATCH", "/sobjects/" + u.sObject() + "/" + u.externalIdField() + "/" + enc(u.externalId()), u.fields())
                .get("id").asText();
    }

    private JsonNode call(String method, String path, Map<String, Object> body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            req.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body() == null || r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

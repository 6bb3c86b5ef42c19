package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.metrics.MeterRegistrationFailures;
import io.storelink.metrics.PromQlMetricNames;
import io.storelink.metrics.PrometheusScrape;
import io.storelink.metrics.WriterLag;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator reads in /actuator/prometheus: the storelink meters move with what the bridge does, every metric
 * the shipped Grafana dashboard and alert rules query is exported, and no meter failed to register.
 */
class MetricsIT extends BridgeTestSupport {

    private static final Path MONITORING = Path.of("k8s/monitoring");

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    SalesforceGate gate;

    @Autowired
    WriterLag lag;

    @Autowired
    ShopifyAdmin shopifyAdmin;

    @BeforeEach
    void writerIdle() {
        awaitWriterIdle();
    }

    @Test
    void writtenAndOlderEventsAreCountedAndTheLatencyRecordedWithTheAllowanceSalesforceReports() throws Exception {
        ObjectNode created = orders.nextOrder();
        ObjectNode paid = OrderFactory.updated(created, Duration.ofMinutes(5), o -> o.put("financial_status", "paid"));
        PrometheusScrape before = scrape();
        long callsBefore = SALESFORCE.apiCalls();

        assertThat(shopify().send("orders/paid", paid).statusCode()).isEqualTo(200);
        awaitCount(before, "storelink_orders_total", Map.of("writer", "orders", "outcome", "written"), 1);
        assertThat(shopify().send("orders/create", created).statusCode()).isEqualTo(200); // older: skipped
        PrometheusScrape after = awaitCount(before, "storelink_orders_total", Map.of("writer", "orders", "outcome", "skipped_older"), 1);

        assertThat(delta(before, after, "storelink_sync_latency_seconds_count", Map.of("writer", "orders"))).isEqualTo(1);
        assertThat(after.samples("storelink_sync_latency_seconds_bucket", Map.of("writer", "orders", "le", "+Inf"))).hasSize(1);
        assertThat(after.samples("storelink_sync_latency_seconds_bucket", Map.of("writer", "orders")))
                .as("histogram buckets from 1 ms to 1 h").hasSizeGreaterThan(20)
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("le", "1.0"));
        // Sforce-Limit-Info of the fake (api-usage=<calls so far>/15000), read off the writer's Salesforce answers
        assertThat(after.value("storelink_salesforce_api_limit", Map.of())).isEqualTo(15000);
        assertThat(after.value("storelink_salesforce_api_used", Map.of()))
                .isGreaterThan(callsBefore).isLessThanOrEqualTo(SALESFORCE.apiCalls());
    }

    @Test
    void theFulfillmentWriterCountsUnderItsOwnName() throws Exception {
        ObjectNode order = orders.nextOrder();
        String orderId = order.get("id").asText();
        PrometheusScrape before = scrape();
        assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
        awaitCount(before, "storelink_orders_total", Map.of("writer", "orders", "outcome", "written"), 1);

        ObjectNode shipped = ShipmentConfirmationIT.fulfillment(System.nanoTime(), orderId, "success", "DHL Express",
                List.of("JD014600006281230704"), java.time.Instant.now());
        assertThat(shopify().send("fulfillments/create", shipped).statusCode()).isEqualTo(200);

        PrometheusScrape after = awaitCount(before, "storelink_orders_total", Map.of("writer", "fulfillments", "outcome", "written"), 1);
        assertThat(delta(before, after, "storelink_sync_latency_seconds_count", Map.of("writer", "fulfillments"))).isEqualTo(1);
    }

    @Test
    void deadLettersAreCountedByErrorClass() throws Exception {
        ObjectNode rejected = orders.companyOrder(); // never a guest checkout: the rule needs a Contact
        ((ObjectNode) rejected.get("customer")).put("last_name", "Metrics-Reject");
        SALESFORCE.faults().rejectWhere("Contact", "LastName", "Metrics-Reject", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Last name is on the block list");
        PrometheusScrape before = scrape();
        PrometheusScrape after;
        try {
            assertThat(shopify().send("orders/create", rejected).statusCode()).isEqualTo(200);
            assertThat(shopify().send("orders/create", "{\"note\":\"no id here\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            after = awaitCount(before, "storelink_orders_total", Map.of("writer", "orders", "outcome", "dead_lettered"), 2);
        } finally {
            SALESFORCE.faults().clearRejections();
        }
        assertThat(delta(before, after, "storelink_dead_letters_total", Map.of("error_class", "validation"))).isEqualTo(1);
        assertThat(delta(before, after, "storelink_dead_letters_total", Map.of("error_class", "poison"))).isEqualTo(1);
        assertThat(delta(before, after, "storelink_orders_total", Map.of("outcome", "written"))).isZero();
    }

    @Test
    void aPausedWriterShowsItsReasonAndItsLagUntilItResumes() throws Exception {
        ObjectNode order = orders.nextOrder();
        assertThat(scrape().value("storelink_writer_paused", Map.of("writer", "orders", "reason", "api_limit"))).isZero();
        SALESFORCE.faults().limitExceeded(true);
        PrometheusScrape paused;
        try {
            assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(gate::isPaused);
            lag.refresh();
            paused = scrape();
        } finally {
            SALESFORCE.faults().limitExceeded(false);
        }
        assertThat(paused.value("storelink_writer_paused", Map.of("writer", "orders", "reason", "api_limit"))).isEqualTo(1);
        assertThat(paused.value("storelink_writer_paused", Map.of("writer", "fulfillments", "reason", "api_limit"))).isEqualTo(1);
        assertThat(paused.value("storelink_writer_paused", Map.of("writer", "orders", "reason", "login"))).isZero();
        assertThat(paused.value("storelink_writer_lag", Map.of("writer", "orders"))).isGreaterThanOrEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> opportunitiesByOrderId().containsKey(order.get("id").asText()));
        awaitWriterIdle();
        lag.refresh();
        PrometheusScrape resumed = scrape();
        assertThat(resumed.value("storelink_writer_paused", Map.of("writer", "orders", "reason", "api_limit"))).isZero();
        assertThat(resumed.value("storelink_writer_lag", Map.of("writer", "orders"))).isZero();
    }

    @Test
    void shopifysCostBucketIsReportedFromEveryAnswer() throws Exception {
        shopifyAdmin.query("access-scopes", Map.of());

        double available = scrape().value("storelink_shopify_cost_available", Map.of());
        assertThat(available).isPositive().isFinite(); // the fake's bucket: 2000 points, restoring 100 a second
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        driveTraffic();
        Set<String> exported = scrape().names();

        Map<String, Set<String>> queried = queriedMetrics();
        assertThat(queried.get("dashboard")).as("metrics the dashboard queries")
                .contains("storelink_orders_total", "storelink_sync_latency_seconds_bucket", "storelink_writer_lag",
                        "storelink_writer_paused", "storelink_salesforce_api_used", "jvm_memory_used_bytes");
        assertThat(queried.get("alerts")).as("metrics the alert rules query")
                .contains("storelink_writer_paused", "storelink_dead_letters_total", "storelink_writer_lag",
                        "storelink_salesforce_api_limit", "storelink_shopify_webhooks_missing");
        Set<String> all = new TreeSet<>(queried.get("dashboard"));
        all.addAll(queried.get("alerts"));
        if (!Files.readString(Path.of("routes/shopify-webhooks.camel.yaml")).contains("storelink.webhooks")) {
            all.remove("storelink_webhooks_total"); // counted by the intake route of helper "webhooks", not merged yet
        }
        assertThat(exported).containsAll(all);
    }

    @Test
    void noMeterFailedToRegisterSinceStartUp() throws Exception {
        driveTraffic();
        scrape();

        assertThat(MeterRegistrationFailures.all()).isEmpty();
    }

    /** An order written, a dead letter, a Shopify Admin call: the meters that appear on first use exist. */
    private void driveTraffic() throws Exception {
        PrometheusScrape before = scrape();
        ObjectNode order = orders.nextOrder();
        assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
        assertThat(shopify().send("orders/create", "{\"note\":\"no id\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        awaitCount(before, "storelink_orders_total", Map.of("outcome", "written"), 1);
        awaitCount(before, "storelink_orders_total", Map.of("outcome", "dead_lettered"), 1);
        shopifyAdmin.query("access-scopes", Map.of());
    }

    /** Metric names of every PromQL expression in the dashboard ({@code targets[].expr}) and the rules ({@code expr}). */
    private static Map<String, Set<String>> queriedMetrics() throws Exception {
        Set<String> dashboard = new TreeSet<>();
        JsonNode json = new ObjectMapper().readTree(MONITORING.resolve("storelink-dashboard.json").toFile());
        for (JsonNode expr : json.findValues("expr")) {
            dashboard.addAll(PromQlMetricNames.of(expr.asText()));
        }
        Set<String> alerts = new TreeSet<>();
        for (Object doc : new Yaml().loadAll(Files.readString(MONITORING.resolve("storelink-alerts.yaml")))) {
            collectExpressions(doc, alerts);
        }
        return Map.of("dashboard", dashboard, "alerts", alerts);
    }

    @SuppressWarnings("unchecked")
    private static void collectExpressions(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("expr".equals(k)) {
                    names.addAll(PromQlMetricNames.of(String.valueOf(v)));
                } else {
                    collectExpressions(v, names);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectExpressions(v, names));
        }
    }

    private PrometheusScrape awaitCount(PrometheusScrape before, String name, Map<String, String> labels, double increase) {
        List<PrometheusScrape> last = new ArrayList<>(List.of(before));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(0, scrape());
            return delta(before, last.get(0), name, labels) >= increase;
        });
        assertThat(delta(before, last.get(0), name, labels)).as("increase of %s%s", name, labels).isEqualTo(increase);
        return last.get(0);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private PrometheusScrape scrape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", consoleAuthorization())
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }
}

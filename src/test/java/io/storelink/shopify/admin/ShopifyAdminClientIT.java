package io.storelink.shopify.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Admin API client against the Shopify fake: pagination, THROTTLED (200 and 429) and refusals. */
class ShopifyAdminClientIT {

    static final String TOKEN = "shpat_client_test";
    static FakeShopifyAdmin shopify;
    static CamelContext camel;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        OrderFactory orders = new OrderFactory(11);
        for (int i = 0; i < 120; i++) {
            shopify.putOrder(orders.nextOrder());
        }
    }

    @AfterAll
    static void stop() {
        shopify.close();
        camel.stop();
    }

    /**
     * Two processes of one app share the store's bucket without knowing of each other (here: two clients), so
     * Shopify answers THROTTLED now and then; each waits (cost - available) / restoreRate and goes on.
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 429})
    void throttledAnswersAreWaitedOutAndRetried(int throttledStatus) throws Exception {
        shopify.throttleStatus(throttledStatus).bucket(900, 500); // a page asks for 807: one at a time
        shopify.resetCounters();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ShopifyAdmin client = client(TOKEN);
                runs.add(pool.submit(() -> count(client.pages("orders-updated-since", Map.of("first", 5, "query", ""), "orders"))));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).as("orders read by each client").isEqualTo(120);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[shopify] THROTTLED as HTTP %d: %d of %d calls, lowest bucket level %.0f%n", throttledStatus,
                shopify.throttled(), shopify.requests(), shopify.lowestAvailable());
        assertThat(shopify.throttled()).as("two clients sharing the bucket run into THROTTLED").isPositive();
        assertThat(shopify.lowestAvailable()).isGreaterThanOrEqualTo(0);
    }

    /** A page of 5 orders asks 805 points: a 400-point bucket can never hold it, so pages shrink, and grow back. */
    @Test
    void pagesFollowTheBucketShopifyReports() {
        ShopifyAdmin client = client(TOKEN);
        shopify.throttleStatus(200).bucket(400, 20_000);
        shopify.resetCounters();
        assertThat(count(client.pages("orders-updated-since", Map.of("first", 5, "query", ""), "orders"))).isEqualTo(120);
        assertThat(shopify.throttled()).as("only the first page, before the bucket was known").isEqualTo(1);
        assertThat(shopify.requests("OrdersUpdatedSince")).as("pages of 2, plus the refused one").isEqualTo(61);

        shopify.bucket(2000, 20_000);
        shopify.resetCounters();
        assertThat(count(client.pages("orders-updated-since", Map.of("first", 5, "query", ""), "orders"))).isEqualTo(120);
        assertThat(shopify.requests("OrdersUpdatedSince")).as("one page of 2 (the bucket last seen held 400), then pages of 5").isEqualTo(25);
        assertThat(shopify.throttled()).isZero();
    }

    @Test
    void aWrongTokenIsAnAccessErrorNamingTheVariable() {
        assertThatThrownBy(() -> client("shpat_wrong").query("access-scopes", Map.of()))
                .isInstanceOf(ShopifyAccessException.class)
                .hasMessageContaining("401").hasMessageContaining("SHOPIFY_ADMIN_API_ACCESS_TOKEN");
    }

    @Test
    void aMissingScopeIsAnAccessErrorNamingTheScope() {
        shopify.scopes("read_orders");
        try {
            assertThatThrownBy(() -> count(client(TOKEN).pages("locations", Map.of("first", 10), "locations")))
                    .isInstanceOfSatisfying(ShopifyAccessException.class, e -> assertThat(e.scope()).isEqualTo("read_locations"))
                    .hasMessageContaining("the app needs the read_locations scope");
        } finally {
            shopify.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        }
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        shopify.bucket(2000, 100);
        shopify.failNext(2, 503);
        JsonNode data = client(TOKEN).query("access-scopes", Map.of());
        assertThat(data.at("/currentAppInstallation/accessScopes").size()).isPositive();
        shopify.failNext(10, 502);
        assertThatThrownBy(() -> client(TOKEN).query("access-scopes", Map.of()))
                .isInstanceOf(ShopifyAdminException.class).hasMessageContaining("HTTP 502");
        shopify.failNext(0, 502);
    }

    private static ShopifyAdmin client(String token) {
        ShopifySettings store = new ShopifySettings("unused", shopify.url(), token, null, null, null, null, null);
        ShopifyAdminSettings settings = new ShopifyAdminSettings("2026-07", Duration.ofSeconds(10), 50, 2);
        return new ShopifyAdmin(store, settings, new ObjectMapper(), new SimpleMeterRegistry(), camel.createProducerTemplate());
    }

    private static int count(Iterable<JsonNode> nodes) {
        int n = 0;
        for (JsonNode ignored : nodes) {
            n++;
        }
        return n;
    }
}

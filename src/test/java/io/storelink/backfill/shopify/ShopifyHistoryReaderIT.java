package io.storelink.backfill.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history reader end to end against the Shopify Admin fake: bulk query, polls, JSONL file, regrouping, failures. */
class ShopifyHistoryReaderIT {

    private static CamelContext camel;
    private FakeShopifyAdmin shopify;
    private final AtomicInteger pauses = new AtomicInteger();

    @BeforeAll
    static void camel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stopCamel() {
        camel.stop();
    }

    @BeforeEach
    void start() {
        shopify = FakeShopifyAdmin.start(0).bulkPollsToComplete(3);
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    @Test
    void readsTheRangesOrdersWithCustomerAndLineItems() throws Exception {
        OrderFactory factory = new OrderFactory(21, Instant.parse("2026-01-10T10:00:00Z"));
        List<ObjectNode> placed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ObjectNode o = factory.nextOrder();
            placed.add(o);
            shopify.putOrder(o);
        }
        Instant since = java.time.OffsetDateTime.parse(placed.get(2).get("created_at").asText()).toInstant();
        List<BulkOrder> read = new ArrayList<>();
        ShopifyHistoryReader.Result result = reader(true).read(since, null, read::add);

        List<ObjectNode> expected = placed.subList(2, placed.size());
        assertThat(read).hasSize(expected.size());
        assertThat(result.counts().orders()).isEqualTo(expected.size());
        assertThat(result.operation().rootObjectCount()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode rest = expected.get(i);
            BulkOrder order = read.get(i); // sortKey CREATED_AT: file order is creation order
            assertThat(order.order().get("legacyResourceId").asText()).isEqualTo(rest.get("id").asText());
            if (rest.hasNonNull("customer")) {
                assertThat(order.order().at("/customer/legacyResourceId").asText()).isEqualTo(rest.at("/customer/id").asText());
            }
            assertThat(order.lineItems()).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(ids(rest));
            assertThat(order.lineItems()).allMatch(l -> l.get("__parentId").asText().equals(order.order().get("id").asText()));
        }
        assertThat(result.counts().orphans()).isZero();
        // the fake finishes on the 3rd poll at the earliest (once its file is written); a pause between any two polls
        assertThat(pauses.get()).as("pauses between polls").isGreaterThanOrEqualTo(2);
        assertThat(shopify.requests("BulkOperation")).isEqualTo(pauses.get() + 1);
    }

    /** Several pages of Shopify's layout: a page's lines come after all of its orders, not next to their own. */
    @Test
    void aGeneratedHistoryOverSeveralPages() throws Exception {
        shopify.bulkOrderSource(new io.storelink.fakes.shopify.GeneratedHistory(3, 2_500, 700, Instant.parse("2024-01-01T00:00:00Z")));
        java.util.Set<String> customers = new java.util.HashSet<>();
        long[] lines = new long[1];
        ShopifyHistoryReader.Result result = reader(true).read(Instant.parse("2024-01-01T00:00:00Z"), null, o -> {
            customers.add(o.order().at("/customer/id").asText());
            o.lineItems().forEach(l -> assertThat(l.get("__parentId").asText()).isEqualTo(o.order().get("id").asText()));
            lines[0] += o.lineItems().size();
        });
        assertThat(result.counts().orders()).isEqualTo(2_500);
        assertThat(customers).hasSize(700);
        assertThat(result.counts().lineItems()).isEqualTo(lines[0]).isEqualTo(result.operation().objectCount() - 2_500);
        assertThat(result.counts().orphans()).isZero();
    }

    @Test
    void withoutLineItemsAndNothingInRange() throws Exception {
        shopify.putOrder(new OrderFactory(22, Instant.parse("2026-01-10T10:00:00Z")).nextOrder());
        List<BulkOrder> read = new ArrayList<>();
        ShopifyHistoryReader.Result none = reader(false).read(Instant.parse("2030-01-01T00:00:00Z"), null, read::add);
        assertThat(none.operation().url()).isNull();
        assertThat(read).isEmpty();
        reader(false).read(Instant.parse("2020-01-01T00:00:00Z"), null, read::add);
        assertThat(read).singleElement().satisfies(o -> assertThat(o.lineItems()).isEmpty());
        assertThat(read.get(0).order().has("lineItems")).isFalse();
    }

    @Test
    void failuresCarryShopifysCode() {
        shopify.putOrder(new OrderFactory(23).nextOrder());
        Instant since = Instant.parse("2020-01-01T00:00:00Z");

        shopify.failNextBulkOperation("TIMEOUT", 1);
        assertThatThrownBy(() -> reader(true).read(since, null, o -> { }))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> {
                    assertThat(e.status()).isEqualTo("FAILED");
                    assertThat(e.code()).isEqualTo("TIMEOUT");
                    assertThat(e.partialDataUrl()).isNotNull();
                });

        shopify.cancelNextBulkOperation();
        assertThatThrownBy(() -> reader(true).read(since, null, o -> { }))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> assertThat(e.code()).isEqualTo("CANCELED"));

        shopify.scopes("read_orders"); // customers need read_customers
        assertThatThrownBy(() -> reader(true).read(since, null, o -> { }))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("scope");
                });
    }

    @Test
    void expiredLinkAndRefusedStart() throws Exception {
        shopify.putOrder(new OrderFactory(24).nextOrder());
        BulkQueryRunner runner = runner(true);
        BulkOperation op = runner.awaitCompleted(runner.start(BulkOrdersQuery.of(Instant.EPOCH, null, true)).id());
        shopify.expireBulkOperation(op.id());
        assertThatThrownBy(() -> reader(true).readResult(op, o -> { }))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> assertThat(e.code()).isEqualTo("EXPIRED"));
        assertThatThrownBy(() -> runner.awaitCompleted(op.id()))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> assertThat(e.status()).isEqualTo("EXPIRED"));

        shopify.bulkConcurrentOperations(1);
        runner.start(BulkOrdersQuery.of(Instant.EPOCH, null, true));
        assertThatThrownBy(() -> runner.start(BulkOrdersQuery.of(Instant.EPOCH, null, true)))
                .isInstanceOfSatisfying(BulkOperationException.class, e -> assertThat(e.code()).isEqualTo("OPERATION_IN_PROGRESS"));
    }

    // ---- helpers ----

    private static List<String> ids(JsonNode rest) {
        List<String> out = new ArrayList<>();
        for (JsonNode li : rest.get("line_items")) out.add("gid://shopify/LineItem/" + li.get("id").asText());
        return out;
    }

    private ShopifyHistoryReader reader(boolean lineItems) {
        return new ShopifyHistoryReader(runner(lineItems), settings(lineItems), new ObjectMapper());
    }

    private BulkQueryRunner runner(boolean lineItems) {
        ShopifySettings store = new ShopifySettings("unused", shopify.url(), FakeShopifyAdmin.DEFAULT_ACCESS_TOKEN, null, null, null, null, null);
        ShopifyAdmin admin = new ShopifyAdmin(store, new ShopifyAdminSettings("2026-07", Duration.ofSeconds(10), 5, 0),
                new ObjectMapper(), new SimpleMeterRegistry(), camel.createProducerTemplate());
        return new BulkQueryRunner(admin, settings(lineItems), d -> pauses.incrementAndGet());
    }

    private static BackfillShopifySettings settings(boolean lineItems) {
        return new BackfillShopifySettings(Duration.ofSeconds(15), lineItems, false, Duration.ofSeconds(5));
    }
}

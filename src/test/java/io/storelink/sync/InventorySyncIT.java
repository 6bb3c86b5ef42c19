package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.inventory.InventoryRun;
import io.storelink.inventory.InventorySettings;
import io.storelink.inventory.ShopifyStock;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inventory sync job end to end: Shopify Admin GraphQL fake -> routes/inventory-sync.camel.yaml -> real
 * camel-salesforce -> Salesforce fake. One catalogue for the whole class (the fakes live as long as the JVM): 450
 * variants with SKUs over two locations, 5 items without SKU, and 420 Product2 records; each test sets the Shopify
 * quantities it needs relative to what Salesforce holds, so the tests do not depend on their order.
 */
class InventorySyncIT extends BridgeTestSupport {

    static final long STORE = 71001;
    static final long WAREHOUSE = 71002;
    static final int VARIANTS = 450;
    static final int IN_SALESFORCE = 420;
    static final int WITHOUT_SKU = 5;
    private static boolean catalogue;

    @Autowired
    SalesforceGate gate;

    @Autowired
    ShopifyAdmin admin;

    @Autowired
    MeterRegistry meters;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void catalogue() {
        awaitWriterIdle(); // no order traffic while Salesforce calls are counted
        SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        // a run reads ~3,000 cost points: at the default 100 points/s each run would wait ~30 s for the bucket
        SHOPIFY_ADMIN.bucket(1_000_000, 1_000_000);
        synchronized (InventorySyncIT.class) {
            if (catalogue) {
                return;
            }
            SHOPIFY_ADMIN.addLocation(STORE, "Shop floor");
            SHOPIFY_ADMIN.addLocation(WAREHOUSE, "Warehouse");
            for (int i = 0; i < VARIANTS; i++) {
                SHOPIFY_ADMIN.setAvailable(STORE, variant(i), sku(i), 1);
                if (i % 10 != 3) { // every tenth product is stocked at the shop floor only
                    SHOPIFY_ADMIN.setAvailable(WAREHOUSE, variant(i), sku(i), 1);
                }
            }
            for (int i = VARIANTS; i < VARIANTS + WITHOUT_SKU; i++) {
                SHOPIFY_ADMIN.setAvailable(STORE, variant(i), null, 4);
                SHOPIFY_ADMIN.setAvailable(WAREHOUSE, variant(i), "", 4);
            }
            for (int i = 0; i < IN_SALESFORCE; i++) {
                Map<String, Object> product = new HashMap<>(Map.of("Name", "Product " + i, "StockKeepingUnit", sku(i)));
                if (i % 4 != 1) { // every fourth record has never been synced (no quantity)
                    product.put("Quantity_Available__c", i % 4 == 0 ? i % 7 + 1 : 1000 + i);
                }
                SALESFORCE.insert("Product2", product);
            }
            catalogue = true;
        }
    }

    @AfterEach
    void healthy() {
        SALESFORCE.faults().reset();
        SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        SHOPIFY_ADMIN.bucket(2000, 100); // the fake's default
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !gate.isPaused());
    }

    /** Issue 11: pages fit the bucket Shopify reports; a page of the default size asks more than 400 points. */
    @Test
    void aStoreWithA400PointBucketSyncsEveryProductWithAtMostAHandfulOfThrottledAnswers() {
        SHOPIFY_ADMIN.bucket(400, 8000); // the size decides the pages; the fast restore keeps the test short
        for (int i = 0; i < VARIANTS; i++) {
            stock(i, 500 + i % 13);
        }
        SHOPIFY_ADMIN.resetCounters();

        InventoryRun run = runJob();

        System.out.printf("[pollers] inventory sync, bucket 400 points: %d products, %d THROTTLED of %d GraphQL calls%n",
                VARIANTS, SHOPIFY_ADMIN.throttled(), SHOPIFY_ADMIN.requests());
        assertThat(run.getFailed()).isZero();
        assertThat(SHOPIFY_ADMIN.throttled()).as("THROTTLED answers").isLessThanOrEqualTo(5);
        for (int i = 0; i < IN_SALESFORCE; i++) {
            assertThat(quantityInSalesforce(i)).as(sku(i)).isEqualTo(500 + i % 13);
        }
    }

    @Test
    void changedQuantitiesAreWrittenUnchangedLeftAloneMissingReportedNotCreatedInFewCalls() {
        Map<Integer, Long> total = new HashMap<>();
        for (int i = 0; i < VARIANTS; i++) {
            Long current = i < IN_SALESFORCE ? quantityInSalesforce(i) : null;
            // every fourth product already holds Shopify's sum; the others differ from what Salesforce has
            total.put(i, i % 4 == 0 && current != null ? current : (current == null ? 0 : current) + 3 + i % 5);
            stock(i, total.get(i));
        }
        Map<String, Object> modifiedBefore = lastModified();
        long callsBefore = SALESFORCE.apiCalls();
        long compositeBefore = SALESFORCE.apiCalls("/composite");

        InventoryRun run = runJob();

        long calls = SALESFORCE.apiCalls() - callsBefore;
        System.out.printf("Inventory sync: %d Salesforce API calls for %d products = %.2f per 200 products%n",
                calls, VARIANTS, calls * 200.0 / VARIANTS);
        assertThat(calls * 200).as("Salesforce API calls per 200 products, reads included").isLessThanOrEqualTo(VARIANTS);
        assertThat(SALESFORCE.apiCalls("/composite") - compositeBefore).as("every call is a composite").isEqualTo(calls);

        int unchanged = (int) java.util.stream.IntStream.range(0, IN_SALESFORCE).filter(i -> i % 4 == 0).count();
        assertThat(run.getUpdated()).isEqualTo(IN_SALESFORCE - unchanged);
        assertThat(run.getUnchanged()).isEqualTo(unchanged);
        assertThat(run.getUnmatched()).isEqualTo(VARIANTS - IN_SALESFORCE);
        assertThat(run.getFailed()).isZero();
        assertThat(run.getItemsWithoutKey()).isEqualTo(WITHOUT_SKU);
        assertThat(run.getSalesforceCalls()).isEqualTo((int) calls);

        for (int i = 0; i < IN_SALESFORCE; i++) {
            assertThat(quantityInSalesforce(i)).as(sku(i)).isEqualTo(total.get(i));
        }
        Map<String, Object> modifiedAfter = lastModified();
        for (int i = 0; i < IN_SALESFORCE; i += 4) {
            assertThat(modifiedAfter.get(sku(i))).as("%s was not written", sku(i)).isEqualTo(modifiedBefore.get(sku(i)));
        }
        // the 30 without a record: reported, never created
        assertThat(products()).hasSize(IN_SALESFORCE);
        assertThat(SALESFORCE.find("Product2", "StockKeepingUnit", sku(IN_SALESFORCE))).isEmpty();
        assertThat(meters.get("storelink.inventory.unmatched").gauge().value()).isEqualTo(VARIANTS - IN_SALESFORCE);
    }

    @Test
    void aRunWithNothingChangedWritesNothingAndThenOnlyWhatMoved() {
        runJob(); // in step with Shopify, whatever ran before
        Map<String, Object> modifiedBefore = lastModified();
        long callsBefore = SALESFORCE.apiCalls();

        InventoryRun again = runJob();

        assertThat(again.getUpdated()).isZero();
        assertThat(again.getUnchanged()).isEqualTo(IN_SALESFORCE);
        assertThat(again.getUnmatched()).isEqualTo(VARIANTS - IN_SALESFORCE);
        assertThat(SALESFORCE.apiCalls() - callsBefore).as("only the read: one composite call of queries").isEqualTo(1);
        assertThat(lastModified()).isEqualTo(modifiedBefore);

        for (int i : new int[] {5, 6, 7}) {
            stock(i, quantityInSalesforce(i) + 10);
        }
        callsBefore = SALESFORCE.apiCalls();
        InventoryRun moved = runJob();

        assertThat(moved.getUpdated()).isEqualTo(3);
        assertThat(SALESFORCE.apiCalls() - callsBefore).isEqualTo(2);
        Map<String, Object> modifiedAfter = lastModified();
        assertThat(modifiedAfter.entrySet().stream().filter(e -> !e.getValue().equals(modifiedBefore.get(e.getKey())))
                .map(Map.Entry::getKey)).containsExactlyInAnyOrder(sku(5), sku(6), sku(7));
    }

    @Test
    void aRecordSalesforceRefusesIsCountedAndWrittenByTheNextRun() {
        runJob();
        long refusedBefore = quantityInSalesforce(2);
        stock(2, refusedBefore + 1);
        stock(3, quantityInSalesforce(3) + 1);
        SALESFORCE.faults().rejectWhere("Product2", "StockKeepingUnit", sku(2), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Stock is locked");

        InventoryRun run = runJob();

        assertThat(run.getUpdated()).isEqualTo(1);
        assertThat(run.getFailed()).isEqualTo(1);
        assertThat(quantityInSalesforce(2)).isEqualTo(refusedBefore);

        SALESFORCE.faults().clearRejections();
        InventoryRun next = runJob();
        assertThat(next.getUpdated()).isEqualTo(1);
        assertThat(quantityInSalesforce(2)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void configuredLocationsAreTheOnlyOnesSummed() {
        SHOPIFY_ADMIN.setAvailable(STORE, variant(0), sku(0), 3);
        SHOPIFY_ADMIN.setAvailable(WAREHOUSE, variant(0), sku(0), 4);

        assertThat(stockAt("").get(sku(0))).as("all locations").isEqualTo(7);
        assertThat(stockAt(Long.toString(STORE)).get(sku(0))).isEqualTo(3);
        assertThat(stockAt("gid://shopify/Location/" + WAREHOUSE).get(sku(0))).isEqualTo(4);
        assertThat(stockAt(STORE + "," + WAREHOUSE).get(sku(0))).isEqualTo(7);
        assertThat(stockAt(Long.toString(WAREHOUSE))).doesNotContainKey(sku(3)); // stocked at the shop floor only
        assertThatThrownBy(() -> stockAt("99")).isInstanceOf(ShopifyAdminException.class)
                .hasMessageContaining("gid://shopify/Location/99").hasMessageContaining("not an active location");
    }

    @Test
    void keyedByVariantIdEveryItemCountsAndVariantsAreRead() {
        SHOPIFY_ADMIN.setAvailable(STORE, variant(0), sku(0), 3);
        SHOPIFY_ADMIN.setAvailable(WAREHOUSE, variant(0), sku(0), 4);

        Map<String, Long> byVariant = stockAt("", InventorySettings.ShopifyKey.VARIANT_ID);

        assertThat(byVariant).hasSize(VARIANTS + WITHOUT_SKU).containsEntry(Long.toString(variant(0)), 7L);
    }

    @Test
    void keyedBySkuTheJobNeedsReadLocationsAndReadInventoryOnly() {
        SHOPIFY_ADMIN.scopes("read_locations", "read_inventory"); // no read_products: variants are not asked for

        assertThat(runJob().getProducts()).isEqualTo(VARIANTS);
    }

    @Test
    void withoutReadInventoryTheRunIsSkippedAndHealthSaysWhichScope() throws Exception {
        SHOPIFY_ADMIN.scopes("read_orders", "read_customers", "read_locations", "read_products");
        long callsBefore = SALESFORCE.apiCalls("/composite");

        Exchange exchange = camel.createProducerTemplate().send("direct:inventory-sync", e -> { });

        assertThat(exchange.getException()).isNull(); // handled by the shopify-poller configuration: logged, skipped
        assertThat(SALESFORCE.apiCalls("/composite") - callsBefore).isZero();
        JsonNode shopify = health().path("components").path("shopify");
        assertThat(shopify.path("status").asText()).isEqualTo("DOWN");
        assertThat(shopify.path("details").path("inventory-sync").asText()).startsWith("refused").contains("read_inventory");

        SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        runJob();
        assertThat(health().path("components").path("shopify").path("details").path("inventory-sync").asText()).startsWith("ok");
    }

    @Test
    void whileSalesforceWritesArePausedTheRunIsSkipped() {
        SALESFORCE.faults().limitExceeded(true); // the recovery probe keeps seeing no calls left
        Exchange failure = new DefaultExchange(camel);
        failure.setProperty(Exchange.EXCEPTION_CAUGHT, new SalesforceException(
                List.of(new RestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), 403));
        gate.pause(failure);
        assertThat(gate.isPaused()).isTrue();
        long shopifyBefore = SHOPIFY_ADMIN.requests("Locations");
        long callsBefore = SALESFORCE.apiCalls("/composite");

        Exchange exchange = camel.createProducerTemplate().send("direct:inventory-sync", e -> { });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getProperty(InventoryRun.PROPERTY)).isNull();
        assertThat(SHOPIFY_ADMIN.requests("Locations")).isEqualTo(shopifyBefore);
        assertThat(SALESFORCE.apiCalls("/composite")).isEqualTo(callsBefore);
    }

    // ---- helpers ----

    private InventoryRun runJob() {
        Exchange exchange = camel.createProducerTemplate().send("direct:inventory-sync", e -> { });
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT)).as("run failed").isNull();
        InventoryRun run = exchange.getProperty(InventoryRun.PROPERTY, InventoryRun.class);
        assertThat(run).as("the run was skipped").isNotNull();
        return run;
    }

    private Map<String, Long> stockAt(String locationIds) {
        return stockAt(locationIds, InventorySettings.ShopifyKey.SKU);
    }

    /** What the job's first step reads with other settings (the application's own are fixed for this context). */
    private Map<String, Long> stockAt(String locationIds, InventorySettings.ShopifyKey key) {
        InventorySettings settings = new InventorySettings(locationIds, 100, key, "Product2", null, "Quantity_Available__c");
        Exchange exchange = new DefaultExchange(camel);
        new ShopifyStock(admin, settings).read(exchange);
        return exchange.getProperty(InventoryRun.PROPERTY, InventoryRun.class).stock();
    }

    /** Sets Shopify's quantities so that product i sums to {@code total}: a third at the shop floor, the rest in the warehouse. */
    private static void stock(int i, long total) {
        if (i % 10 == 3) {
            SHOPIFY_ADMIN.setAvailable(STORE, variant(i), sku(i), (int) total);
        } else {
            SHOPIFY_ADMIN.setAvailable(STORE, variant(i), sku(i), (int) (total / 3));
            SHOPIFY_ADMIN.setAvailable(WAREHOUSE, variant(i), sku(i), (int) (total - total / 3));
        }
    }

    private static Long quantityInSalesforce(int i) {
        Object q = SALESFORCE.find("Product2", "StockKeepingUnit", sku(i)).orElseThrow().get("Quantity_Available__c");
        return q == null ? null : ((Number) q).longValue();
    }

    private static List<Map<String, Object>> products() {
        return SALESFORCE.records("Product2").stream()
                .filter(r -> String.valueOf(r.get("StockKeepingUnit")).startsWith("INV-")).toList();
    }

    private static Map<String, Object> lastModified() {
        return products().stream().collect(Collectors.toMap(r -> (String) r.get("StockKeepingUnit"), r -> r.get("LastModifiedDate")));
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = getAsConsole(port, "/actuator/health");
        return json.readTree(response.body());
    }

    static String sku(int i) {
        return String.format("INV-%03d", i);
    }

    static long variant(int i) {
        return 9_100_000_000_000_000L + i; // above 2^53, as Shopify's ids are
    }
}

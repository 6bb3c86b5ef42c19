package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.inventory.InventorySettings.ShopifyKey;
import org.junit.jupiter.api.Test;

class StockTotalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sumsAvailablePerSkuOverLocations() {
        StockTotals totals = new StockTotals(ShopifyKey.SKU);
        totals.add(level("TEE-L", 11, 5));   // location A
        totals.add(level("TEE-M", 12, 0));
        totals.add(level("TEE-L", 11, 7));   // location B
        totals.add(level("TEE-M", 12, -2));  // oversold there: Shopify's available goes negative, and so does the sum

        assertThat(totals.totals()).containsExactly(java.util.Map.entry("TEE-L", 12L), java.util.Map.entry("TEE-M", -2L));
        assertThat(totals.itemsWithoutKey()).isZero();
    }

    @Test
    void itemsWithoutSkuAreSkippedAndCountedOnce() {
        StockTotals totals = new StockTotals(ShopifyKey.SKU);
        totals.add(level(null, 21, 3));
        totals.add(level("", 22, 3));
        totals.add(level("   ", 23, 3));
        totals.add(level(null, 21, 4)); // the same item at a second location
        totals.add(level("MUG", 24, 1));

        assertThat(totals.totals()).containsOnlyKeys("MUG");
        assertThat(totals.itemsWithoutKey()).isEqualTo(3);
    }

    @Test
    void variantsSharingASkuAddUp() {
        StockTotals totals = new StockTotals(ShopifyKey.SKU);
        totals.add(level("CAP", 31, 2));
        totals.add(level("CAP", 32, 3));
        assertThat(totals.totals()).containsEntry("CAP", 5L);
    }

    @Test
    void keyedByVariantIdIgnoresSkus() {
        StockTotals totals = new StockTotals(ShopifyKey.VARIANT_ID);
        totals.add(level("TEE-L", 9007199254740993L, 4)); // above 2^53: kept exact as text
        totals.add(level(null, 42, 1));
        totals.add(level("TEE-L", 9007199254740993L, 1));
        assertThat(totals.totals()).containsExactly(java.util.Map.entry("42", 1L), java.util.Map.entry("9007199254740993", 5L));
    }

    @Test
    void missingAvailableQuantityCountsAsNone() throws Exception {
        JsonNode level = JSON.readTree("{\"item\":{\"legacyResourceId\":\"7\",\"sku\":\"X\"},"
                + "\"quantities\":[{\"name\":\"on_hand\",\"quantity\":9}]}");
        StockTotals totals = new StockTotals(ShopifyKey.SKU);
        totals.add(level);
        assertThat(totals.totals()).containsEntry("X", 0L);
    }

    /** An inventoryLevels node as shopify/location-inventory.graphql reads it. */
    static JsonNode level(String sku, long variantId, int available) {
        var node = JSON.createObjectNode();
        var item = node.putObject("item");
        item.put("legacyResourceId", Long.toString(variantId + 1_000_000)); // the inventory item, one per variant
        if (sku == null) {
            item.putNull("sku");
        } else {
            item.put("sku", sku);
        }
        item.putObject("variants").putArray("nodes").addObject().put("legacyResourceId", Long.toString(variantId));
        node.putArray("quantities").addObject().put("name", "available").put("quantity", available);
        return node;
    }
}

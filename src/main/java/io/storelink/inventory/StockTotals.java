package io.storelink.inventory;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.inventory.InventorySettings.ShopifyKey;

/**
 * Available quantity per product key, summed over the locations read. Fed with the {@code inventoryLevels} nodes of
 * shopify/location-inventory.graphql. Items without a key (no SKU) cannot be matched in Salesforce: they are only
 * counted. Variants sharing a SKU add up, since Salesforce sees one product per key.
 */
final class StockTotals {

    private final ShopifyKey key;
    private final Map<String, Long> available = new TreeMap<>(); // sorted: stable SOQL chunks and log lines
    private final Set<String> withoutKey = new HashSet<>();
    private int levels;

    StockTotals(ShopifyKey key) {
        this.key = key;
    }

    /** One inventory level: an item's quantities at one location. */
    void add(JsonNode level) {
        levels++;
        JsonNode item = level.path("item");
        String k = key == ShopifyKey.SKU ? item.path("sku").asText("")
                : item.path("variants").path("nodes").path(0).path("legacyResourceId").asText("");
        if (k.isBlank()) {
            // the same item shows up once per location: count it once
            String itemId = item.path("legacyResourceId").asText("");
            withoutKey.add(itemId.isEmpty() ? "level-" + levels : itemId);
            return;
        }
        available.merge(k, available(level), Long::sum);
    }

    /** The "available" quantity; absent means none (Shopify leaves out names it has no quantity for). */
    static long available(JsonNode level) {
        for (JsonNode q : level.path("quantities")) {
            if ("available".equals(q.path("name").asText())) {
                return q.path("quantity").asLong(0);
            }
        }
        return 0;
    }

    Map<String, Long> totals() {
        return Collections.unmodifiableMap(available);
    }

    int itemsWithoutKey() {
        return withoutKey.size();
    }
}

package io.storelink.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.inventory.InventorySettings.ShopifyKey;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * First step of the inventory sync: the available quantity of every product at the chosen locations (all active
 * ones unless storelink.jobs.inventory.location-ids names some), summed per key. Starts the run's
 * {@link InventoryRun}. A refused scope surfaces as the client's ShopifyAccessException (the run is skipped).
 * Variants are asked for only when keyed by variant id: they need the read_products scope.
 */
@Component("shopifyStock")
public class ShopifyStock {

    private final ShopifyAdmin admin;
    private final InventorySettings settings;

    public ShopifyStock(ShopifyAdmin admin, InventorySettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    public void read(Exchange exchange) {
        Map<String, String> locations = locations();
        StockTotals totals = new StockTotals(settings.shopifyKey());
        for (String gid : locations.keySet()) {
            for (JsonNode level : admin.pages("location-inventory", Map.of("location", gid, "first", settings.pageSize(),
                    "variantIds", settings.shopifyKey() == ShopifyKey.VARIANT_ID), "location.inventoryLevels")) {
                totals.add(level);
            }
        }
        exchange.setProperty(InventoryRun.PROPERTY, new InventoryRun(settings.shopifyKey().label(),
                new ArrayList<>(locations.values()), totals.totals(), totals.itemsWithoutKey()));
    }

    /** gid -> name of the locations to read. Configured ids must be active locations: a typo must not read nothing. */
    Map<String, String> locations() {
        Map<String, String> active = new LinkedHashMap<>();
        for (JsonNode location : admin.pages("locations", Map.of("first", 250), "locations")) {
            active.put(location.path("id").asText(), location.path("name").asText());
        }
        List<String> wanted = settings.locations();
        if (wanted.isEmpty()) {
            return active;
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String gid : wanted) {
            String name = active.get(gid);
            if (name == null) {
                throw new ShopifyAdminException("storelink.jobs.inventory.location-ids names " + gid
                        + ", which is not an active location of the store (active: " + String.join(", ", active.keySet()) + ")");
            }
            chosen.put(gid, name);
        }
        return chosen;
    }
}

package io.storelink.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inventory sync job ({@code storelink.jobs.inventory}; its schedule, {@code cron}, is read by the route).
 *
 * @param locationIds   comma-separated Shopify location ids, numeric or gids; empty = every active location, summed
 * @param pageSize      inventory levels per GraphQL page
 * @param shopifyKey    what identifies a product on both sides: the variant's SKU or its id
 * @param object        the Salesforce object holding the products
 * @param matchField    its field holding the key
 * @param quantityField its number field that receives the available quantity
 */
@ConfigurationProperties("storelink.jobs.inventory")
public record InventorySettings(String locationIds, int pageSize, ShopifyKey shopifyKey, String object,
                                String matchField, String quantityField) {

    public enum ShopifyKey {
        SKU("SKU"), VARIANT_ID("variant id");

        private final String label;

        ShopifyKey(String label) {
            this.label = label;
        }

        /** For log lines: "SKU", "variant id". */
        public String label() {
            return label;
        }
    }

    private static final String LOCATION_GID = "gid://shopify/Location/";
    /** Object and field names go into SOQL and URLs: only API names are accepted, so a typo cannot inject anything. */
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern NUMERIC = Pattern.compile("\\d+");

    public InventorySettings {
        pageSize = pageSize <= 0 ? 100 : Math.min(pageSize, 250);
        shopifyKey = shopifyKey == null ? ShopifyKey.SKU : shopifyKey;
        object = apiName("object", object, "Product2");
        matchField = apiName("match-field", matchField, shopifyKey == ShopifyKey.SKU ? "StockKeepingUnit" : "External_Shopify_Variant_ID__c");
        quantityField = apiName("quantity-field", quantityField, "Quantity_Available__c");
        locationIds = locationIds == null ? "" : locationIds.trim();
        locations(locationIds); // fail at start-up, not at the first run
    }

    /** The configured locations as gids; empty = all. */
    public List<String> locations() {
        return locations(locationIds);
    }

    private static List<String> locations(String ids) {
        List<String> out = new ArrayList<>();
        for (String raw : ids.split(",")) {
            String id = raw.trim();
            if (id.isEmpty()) {
                continue;
            }
            String numeric = id.startsWith(LOCATION_GID) ? id.substring(LOCATION_GID.length()) : id;
            if (!NUMERIC.matcher(numeric).matches()) {
                throw new IllegalArgumentException("storelink.jobs.inventory.location-ids: '" + id
                        + "' is neither a location id (123) nor a location gid (" + LOCATION_GID + "123)");
            }
            if (!out.contains(LOCATION_GID + numeric)) {
                out.add(LOCATION_GID + numeric);
            }
        }
        return List.copyOf(out);
    }

    private static String apiName(String setting, String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String name = value.trim();
        if (!API_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("storelink.jobs.inventory." + setting + ": '" + value + "' is not a Salesforce API name");
        }
        return name;
    }
}

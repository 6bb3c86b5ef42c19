package io.storelink.fakes.shopify.admin;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which access scope a field needs: the entries of Shopify's own table (the introspection file's
 * "offline_scopes") for the types the bridge reads. Fulfillment accepts read_orders among others, which the order
 * itself already needs, so it has no entry.
 */
final class ScopeRules {

    static final String DOCUMENTATION = "https://shopify.dev/api/usage/access-scopes";

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("QueryRoot.orders", "read_orders"),
            Map.entry("QueryRoot.order", "read_orders"),
            Map.entry("QueryRoot.locations", "read_locations"),
            Map.entry("QueryRoot.location", "read_locations"),
            Map.entry("Location.inventoryLevels", "read_inventory"),
            Map.entry("Location.inventoryLevel", "read_inventory"),
            Map.entry("QueryRoot.inventoryItems", "read_inventory"),
            Map.entry("QueryRoot.inventoryItem", "read_inventory"),
            Map.entry("QueryRoot.inventoryLevel", "read_inventory"));

    /** Any field returning these types (or their connections) needs the scope. */
    private static final Map<String, String> TYPES = Map.of(
            "InventoryLevel", "read_inventory", "InventoryLevelConnection", "read_inventory",
            "InventoryItem", "read_inventory", "InventoryItemConnection", "read_inventory",
            "Customer", "read_customers", "CustomerEmailAddress", "read_customers", "CustomerPhoneNumber", "read_customers",
            "ProductVariant", "read_products", "ProductVariantConnection", "read_products");

    private ScopeRules() {
    }

    /** The scope a field needs, or null. */
    static String required(String parentType, String field, String returnType) {
        String s = FIELDS.get(parentType + "." + field);
        return s != null ? s : TYPES.get(returnType);
    }

    static GraphQLError denied(DataFetchingEnvironment env, String scope) {
        String access = "`" + scope + "` access scope.";
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "ACCESS_DENIED");
        ext.put("documentation", DOCUMENTATION);
        ext.put("requiredAccess", access);
        return AdminError.at(env, "Access denied for " + env.getField().getName() + " field. Required access: " + access, ext);
    }
}

package io.storelink.shopify.admin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Admin API scopes Storelink really uses, per job, from its documents in {@code src/main/resources/shopify}
 * and Shopify's scope table (a test runs each document on the Shopify fake with exactly these scopes, and without
 * each one). The set-up guides ask merchants for far more; the doctor compares the token's scopes with these.
 */
public final class RequiredScopes {

    /** orders-updated-since: orders, and their customer (Shopify's Customer type needs read_customers). */
    public static final List<String> RECONCILIATION = List.of("read_orders", "read_customers");
    /** fulfillments-updated-since: orders with their fulfillments (read_orders covers fulfillments). */
    public static final List<String> SHIPMENT_CONFIRMATION = List.of("read_orders");
    /** order-refunded: the order's total refunded and total, per refunds/create event (the refund writer). */
    public static final List<String> REFUNDS = List.of("read_orders");
    /** order-for-sync: the edited order, with its customer as reconciliation reads it, per orders/edited event. */
    public static final List<String> ORDER_EDITS = List.of("read_orders", "read_customers");
    /** A backfill reaching further back than 60 days: Shopify shows older orders only with this scope. */
    public static final String ALL_ORDERS = "read_all_orders";
    /** With line-item sync on, reconciliation and order edits also read each line's variant (Shopify: read_products). */
    public static final List<String> LINE_ITEMS = List.of("read_products");
    /** locations, location-inventory keyed by SKU. */
    public static final List<String> INVENTORY_BY_SKU = List.of("read_locations", "read_inventory");
    /** location-inventory keyed by variant id also reads the item's variant (read_products). */
    public static final List<String> INVENTORY_BY_VARIANT_ID = List.of("read_locations", "read_inventory", "read_products");

    private RequiredScopes() {
    }

    /**
     * The scope a webhook topic needs to be subscribed (WebhookSubscriptionTopic's description in the 2026-07
     * schema: orders/* and refunds/* read_orders, fulfillments/* read_fulfillments, customers/* read_customers); null
     * for a topic that needs none
     * (app/uninstalled).
     */
    public static String forTopic(String topic) {
        String t = topic.toUpperCase(Locale.ROOT);
        if (t.startsWith("ORDERS_") || t.startsWith("REFUNDS_")) {
            return "read_orders";
        }
        if (t.startsWith("FULFILLMENTS_")) {
            return "read_fulfillments";
        }
        if (t.startsWith("CUSTOMERS_")) {
            return "read_customers";
        }
        return null;
    }

    /** The handles of the token's scopes in an answer to the access-scopes document (currentAppInstallation). */
    public static Set<String> granted(JsonNode data) {
        Set<String> granted = new LinkedHashSet<>();
        data.path("currentAppInstallation").path("accessScopes").forEach(s -> granted.add(s.path("handle").asText()));
        return granted;
    }

    /** Whether {@code granted} covers {@code scope}: a write_ scope includes its read_ scope, as on Shopify. */
    public static boolean covers(Collection<String> granted, String scope) {
        return granted.contains(scope) || scope.startsWith("read_") && granted.contains("write_" + scope.substring(5));
    }
}

package io.storelink.fakes.shopify.admin;

import graphql.schema.DataFetcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.storelink.fakes.shopify.admin.OrderView.typed;

/** GraphQL views of locations, inventory items (with their variant) and inventory levels. */
final class InventoryViews {

    /** The quantity names Shopify knows; any other is an error. */
    static final Set<String> QUANTITY_NAMES = Set.of("available", "committed", "damaged", "incoming", "on_hand",
            "quality_control", "reserved", "safety_stock");

    private InventoryViews() {
    }

    static Map<String, Object> location(long id, String name, Supplier<List<Map<String, Object>>> levels) {
        Map<String, Object> m = typed("Location");
        m.put("id", "gid://shopify/Location/" + id);
        m.put("legacyResourceId", Long.toString(id));
        m.put("name", name);
        m.put("isActive", true);
        m.put("inventoryLevels", levels);
        return m;
    }

    static Map<String, Object> level(long locationId, long itemId, long variantId, String sku, int available,
                                     Supplier<Map<String, Object>> location) {
        Map<String, Object> variant = typed("ProductVariant");
        variant.put("id", "gid://shopify/ProductVariant/" + variantId);
        variant.put("legacyResourceId", Long.toString(variantId));
        variant.put("sku", sku);
        Map<String, Object> item = typed("InventoryItem");
        item.put("id", "gid://shopify/InventoryItem/" + itemId);
        item.put("legacyResourceId", Long.toString(itemId));
        item.put("sku", sku);
        item.put("tracked", true);
        item.put("variants", List.of(variant));
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (String name : QUANTITY_NAMES) quantities.put(name, 0);
        quantities.put("available", available);
        quantities.put("on_hand", available); // nothing committed or reserved in the fake
        Map<String, Object> m = typed("InventoryLevel");
        m.put(Connections.CURSOR_KEY, new Cursor("", itemId));
        m.put("id", "gid://shopify/InventoryLevel/" + locationId + "?inventory_item_id=" + itemId);
        m.put("isActive", true);
        m.put("item", item);
        m.put("location", location);
        m.put("quantities", quantities);
        return m;
    }

    /** InventoryLevel.quantities(names:): one entry per requested name, in the order asked. */
    static final DataFetcher<Object> QUANTITIES = env -> {
        @SuppressWarnings("unchecked")
        Map<String, Integer> q = (Map<String, Integer>) ((Map<?, ?>) env.getSource()).get("quantities");
        List<Object> out = new ArrayList<>();
        for (String name : env.<List<String>>getArgument("names")) {
            if (!QUANTITY_NAMES.contains(name)) {
                throw FieldError.badRequest("The quantity name '" + name + "' is not valid."); // wording not verified live
            }
            Map<String, Object> m = typed("InventoryQuantity");
            m.put("name", name);
            m.put("quantity", q.get(name));
            out.add(m);
        }
        return out;
    };
}

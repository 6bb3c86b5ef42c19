package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The orders/edited webhook payload, in Shopify's shape (sample: webhooks-2026-07/orders__edited.json): only the
 * {@code order_edit}, which says which lines were added or removed, never the order itself.
 */
final class OrderEditPayload {

    private OrderEditPayload() {
    }

    /** An edit that added one of line {@code lineId} (a new line, or one more of it) to the order. */
    static ObjectNode of(long editId, long orderId, long lineId, String at) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ObjectNode edit = payload.putObject("order_edit");
        edit.put("id", editId).putNull("app_id");
        edit.put("created_at", at).put("committed_at", at).put("notify_customer", false).put("order_id", orderId)
                .put("staff_note", "").putNull("user_id");
        ObjectNode lines = edit.putObject("line_items");
        lines.putArray("additions").addObject().put("id", lineId).put("delta", 1);
        lines.putArray("removals");
        ObjectNode discounts = edit.putObject("discounts").putObject("line_item");
        discounts.putArray("additions");
        discounts.putArray("removals");
        ObjectNode shipping = edit.putObject("shipping_lines");
        shipping.putArray("additions");
        shipping.putArray("removals");
        return payload;
    }
}

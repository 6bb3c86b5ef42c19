package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;

/**
 * The sandbox store's webhook payloads beyond orders, in Shopify's shapes (samples: src/test/resources/shopify,
 * webhooks-2026-07/refunds__create.json, privacy/customers__redact.json, webhooks-2026-07/customers__update.json).
 */
final class StorePayloads {

    /** The sandbox shop's id in the privacy payloads (Shopify's sample shop id). */
    static final long SHOP_ID = 954_889L;

    private StorePayloads() {
    }

    /**
     * refunds/create for a refund the Admin fake made ({@code refund}: its REST-shape refund of the order, one
     * refund transaction), with the sample's other fields: no line items restocked, no duties, no shipping refund.
     */
    static ObjectNode refund(ObjectNode order, JsonNode refund, String note) {
        String currency = order.path("currency").asText();
        String at = refund.path("created_at").asText();
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("id", refund.path("id").asLong()).put("order_id", order.path("id").asLong()).put("created_at", at)
                .put("note", note).putNull("user_id");
        r.put("processed_at", at);
        r.putArray("duties");
        ObjectNode duties = r.putObject("total_duties_set");
        duties.putObject("shop_money").put("amount", "0.00").put("currency_code", currency);
        duties.putObject("presentment_money").put("amount", "0.00").put("currency_code", currency);
        r.putNull("return");
        r.putArray("refund_shipping_lines");
        r.put("restock", false).put("admin_graphql_api_id", refund.path("admin_graphql_api_id").asText());
        r.putArray("order_adjustments");
        r.putArray("refund_line_items");
        ArrayNode transactions = r.putArray("transactions");
        long transactionId = refund.path("id").asLong() + 1;
        for (JsonNode t : refund.path("transactions")) {
            transactions.addObject().put("id", transactionId++).put("order_id", order.path("id").asLong())
                    .put("kind", t.path("kind").asText()).put("gateway", "shopify_payments")
                    .put("status", t.path("status").asText()).put("message", "Refunded " + t.path("amount").asText())
                    .put("created_at", at).put("test", true).putNull("authorization").putNull("location_id")
                    .putNull("user_id").putNull("parent_id").put("processed_at", at).putNull("device_id")
                    .putNull("error_code").put("source_name", "web").put("amount", t.path("amount").asText())
                    .put("currency", t.path("currency").asText())
                    .put("admin_graphql_api_id", "gid://shopify/OrderTransaction/" + (transactionId - 1));
        }
        return r;
    }

    /** customers/update: the customer as {@link OrderFactory#newCustomer()} made it, changed later by the merchant. */
    static ObjectNode customerUpdate(ObjectNode customer, String at, String tags, String note) {
        ObjectNode c = customer.deepCopy();
        c.put("updated_at", at).put("tags", tags).put("note", note);
        return c;
    }

    /** customers/redact (the mandatory compliance webhook): the customer and the orders of theirs to redact. */
    static ObjectNode redact(String shopDomain, long customerId, String email, String phone, Collection<Long> orderIds) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("shop_id", SHOP_ID).put("shop_domain", shopDomain);
        p.putObject("customer").put("id", customerId).put("email", email).put("phone", phone);
        ArrayNode orders = p.putArray("orders_to_redact");
        orderIds.forEach(orders::add);
        return p;
    }
}

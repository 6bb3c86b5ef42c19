package io.storelink.reconciliation;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.lineitems.LineItemMapping;

/**
 * A GraphQL Admin API order (orders-updated-since.graphql) in the shape of an order webhook payload, so that a
 * reconciled order takes exactly the writer path of a delivered one. Only fields the mapping reads are carried.
 */
public final class WebhookShapedOrder {

    private WebhookShapedOrder() {
    }

    public static ObjectNode of(JsonNode o, ObjectMapper json) {
        ObjectNode order = json.createObjectNode();
        order.put("id", Long.parseLong(o.path("legacyResourceId").asText()));
        order.put("order_number", o.path("number").asLong());
        copy(o, "name", order, "name");
        copy(o, "email", order, "email");
        copy(o, "phone", order, "phone");
        copy(o, "createdAt", order, "created_at");
        copy(o, "updatedAt", order, "updated_at");
        copy(o, "cancelledAt", order, "cancelled_at");
        copy(o, "currencyCode", order, "currency");
        JsonNode total = o.path("totalPriceSet").path("shopMoney");
        copy(total, "amount", order, "total_price");
        if (o.hasNonNull("displayFinancialStatus")) {
            order.put("financial_status", o.get("displayFinancialStatus").asText().toLowerCase(Locale.ROOT));
        }
        JsonNode c = o.path("customer");
        if (c.isObject()) {
            ObjectNode customer = order.putObject("customer");
            customer.put("id", Long.parseLong(c.path("legacyResourceId").asText()));
            copy(c, "firstName", customer, "first_name");
            copy(c, "lastName", customer, "last_name");
            copy(c.path("defaultEmailAddress"), "emailAddress", customer, "email");
            copy(c.path("defaultPhoneNumber"), "phoneNumber", customer, "phone");
            address(c.path("defaultAddress"), customer, "default_address");
        }
        address(o.path("billingAddress"), order, "billing_address");
        address(o.path("shippingAddress"), order, "shipping_address");
        var lines = order.putArray("line_items");
        for (JsonNode l : o.path("lineItems").path("nodes")) {
            ObjectNode line = lines.addObject();
            String gid = l.path("id").asText();
            line.put("id", Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1)));
            copy(l, "sku", line, "sku");
            copy(l, "title", line, "title");
            copy(l, "variantTitle", line, "variant_title");
            line.put("quantity", l.path("quantity").asInt());
            copy(l.path("originalUnitPriceSet").path("shopMoney"), "amount", line, "price");
            // what line-item sync reads (io.storelink.lineitems): the product, what is still ordered, discounts
            copy(l, "name", line, "name");
            copy(l, "vendor", line, "vendor");
            if (l.hasNonNull("currentQuantity")) {
                line.put("current_quantity", l.get("currentQuantity").asInt());
            }
            if (l.path("variant").hasNonNull("legacyResourceId")) {
                line.put("variant_id", Long.parseLong(l.path("variant").path("legacyResourceId").asText()));
            }
            var discounts = line.putArray("discount_allocations");
            for (JsonNode d : l.path("discountAllocations")) {
                copy(d.path("allocatedAmountSet").path("shopMoney"), "amount", discounts.addObject(), "amount");
            }
        }
        if (o.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false)) {
            // the lines read are not all the order's: line-item sync must not delete the others in Salesforce
            order.put(LineItemMapping.INCOMPLETE_LINES, true);
        }
        return order;
    }

    private static void address(JsonNode a, ObjectNode into, String field) {
        if (!a.isObject()) {
            return;
        }
        ObjectNode address = into.putObject(field);
        for (String name : new String[] {"firstName", "lastName", "company", "address1", "address2", "city", "province", "zip", "country", "phone"}) {
            copy(a, name, address, snake(name));
        }
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode v = from.path(name);
        if (!v.isMissingNode() && !v.isNull()) {
            to.put(as, v.asText()); // money and timestamps stay strings, as in webhooks
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

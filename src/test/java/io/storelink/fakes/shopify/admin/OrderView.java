package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a stored REST-shape order (as webhooks carry it) as the GraphQL Admin API's Order: the same data
 * under GraphQL names, gids, UTC DateTimes, upper-case enums and MoneyBags.
 */
final class OrderView {

    private OrderView() {
    }

    static Map<String, Object> order(ObjectNode o) {
        long id = o.path("id").asLong();
        String currency = text(o, "currency");
        List<Object> fulfillments = new ArrayList<>();
        boolean fulfilled = false;
        for (JsonNode f : o.path("fulfillments")) {
            fulfillments.add(fulfillment((ObjectNode) f));
            fulfilled |= "success".equals(f.path("status").asText());
        }
        List<Object> lines = new ArrayList<>();
        for (JsonNode li : o.path("line_items")) {
            lines.add(lineItem((ObjectNode) li, currency));
        }
        Map<String, Object> m = typed("Order");
        m.put("id", "gid://shopify/Order/" + id);
        m.put("legacyResourceId", Long.toString(id));
        m.put("name", text(o, "name"));
        m.put("number", o.path("order_number").asInt());
        m.put("email", blankToNull(text(o, "email"))); // REST sends "" when the buyer left none; GraphQL null
        m.put("phone", blankToNull(text(o, "phone")));
        m.put("createdAt", utc(o, "created_at"));
        m.put("updatedAt", utc(o, "updated_at"));
        m.put("processedAt", utc(o, "processed_at"));
        m.put("cancelledAt", utc(o, "cancelled_at"));
        m.put("closedAt", utc(o, "closed_at"));
        m.put("cancelReason", upper(text(o, "cancel_reason")));
        m.put("currencyCode", currency);
        m.put("presentmentCurrencyCode", o.hasNonNull("presentment_currency") ? text(o, "presentment_currency") : currency);
        m.put("displayFinancialStatus", upper(text(o, "financial_status")));
        m.put("displayFulfillmentStatus", fulfilled ? "FULFILLED" : "UNFULFILLED");
        m.put("confirmed", o.path("confirmed").asBoolean(true));
        m.put("test", o.path("test").asBoolean(false));
        m.put("note", text(o, "note"));
        m.put("tags", tags(text(o, "tags")));
        m.put("totalPriceSet", moneyBag(o, "total_price", currency));
        m.put("subtotalPriceSet", moneyBag(o, "subtotal_price", currency));
        m.put("totalTaxSet", moneyBag(o, "total_tax", currency));
        m.put("totalDiscountsSet", moneyBag(o, "total_discounts", currency));
        m.put("currentTotalPriceSet", moneyBag(o, "current_total_price", currency));
        m.put("totalRefundedSet", refundedBag(o, currency));
        m.put("customer", o.get("customer") instanceof ObjectNode c ? customer(c) : null);
        m.put("billingAddress", address(o.get("billing_address"), "gid://shopify/MailingAddress/" + id + "1?model_name=Address"));
        m.put("shippingAddress", address(o.get("shipping_address"), "gid://shopify/MailingAddress/" + id + "2?model_name=Address"));
        m.put("lineItems", lines);
        m.put("fulfillments", fulfillments);
        return m;
    }

    static Map<String, Object> customer(ObjectNode c) {
        long id = c.path("id").asLong();
        String email = blankToNull(text(c, "email"));
        String phone = blankToNull(text(c, "phone"));
        Map<String, Object> m = typed("Customer");
        m.put("id", "gid://shopify/Customer/" + id);
        m.put("legacyResourceId", Long.toString(id));
        m.put("firstName", text(c, "first_name"));
        m.put("lastName", text(c, "last_name"));
        m.put("email", email);
        m.put("phone", phone);
        m.put("createdAt", utc(c, "created_at"));
        m.put("updatedAt", utc(c, "updated_at"));
        m.put("note", text(c, "note"));
        m.put("state", upper(text(c, "state")));
        m.put("tags", tags(text(c, "tags")));
        m.put("taxExempt", c.path("tax_exempt").asBoolean(false));
        Map<String, Object> mail = null;
        if (email != null) {
            mail = typed("CustomerEmailAddress");
            mail.put("emailAddress", email);
        }
        m.put("defaultEmailAddress", mail);
        Map<String, Object> tel = null;
        if (phone != null) {
            tel = typed("CustomerPhoneNumber");
            tel.put("phoneNumber", phone);
        }
        m.put("defaultPhoneNumber", tel);
        JsonNode da = c.get("default_address");
        m.put("defaultAddress", address(da, da == null || da.isNull() ? null
                : "gid://shopify/MailingAddress/" + da.path("id").asLong() + "?model_name=CustomerAddress"));
        return m;
    }

    static Map<String, Object> address(JsonNode a, String gid) {
        if (!(a instanceof ObjectNode)) {
            return null;
        }
        Map<String, Object> m = typed("MailingAddress");
        m.put("id", gid);
        m.put("firstName", text(a, "first_name"));
        m.put("lastName", text(a, "last_name"));
        m.put("name", text(a, "name"));
        m.put("company", text(a, "company"));
        m.put("address1", text(a, "address1"));
        m.put("address2", text(a, "address2"));
        m.put("city", text(a, "city"));
        m.put("province", text(a, "province"));
        m.put("provinceCode", text(a, "province_code"));
        m.put("zip", text(a, "zip"));
        m.put("country", text(a, "country"));
        m.put("countryCodeV2", text(a, "country_code"));
        m.put("phone", text(a, "phone"));
        m.put("latitude", a.hasNonNull("latitude") ? a.get("latitude").asDouble() : null);
        m.put("longitude", a.hasNonNull("longitude") ? a.get("longitude").asDouble() : null);
        return m;
    }

    static Map<String, Object> lineItem(ObjectNode li, String currency) {
        long id = li.path("id").asLong();
        Map<String, Object> m = typed("LineItem");
        m.put("id", "gid://shopify/LineItem/" + id);
        m.put("sku", text(li, "sku"));
        m.put("title", text(li, "title"));
        m.put("variantTitle", text(li, "variant_title"));
        m.put("name", text(li, "name"));
        m.put("vendor", text(li, "vendor"));
        m.put("quantity", li.path("quantity").asInt());
        m.put("currentQuantity", li.path("current_quantity").asInt(li.path("quantity").asInt()));
        m.put("requiresShipping", li.path("requires_shipping").asBoolean(true));
        m.put("taxable", li.path("taxable").asBoolean(true));
        m.put("originalUnitPriceSet", moneyBag(li, "price", currency));
        Map<String, Object> variant = null;
        if (li.hasNonNull("variant_id")) {
            variant = typed("ProductVariant");
            variant.put("id", "gid://shopify/ProductVariant/" + li.get("variant_id").asLong());
            variant.put("legacyResourceId", li.get("variant_id").asText());
        }
        m.put("variant", variant);
        List<Object> discounts = new ArrayList<>();
        for (JsonNode d : li.path("discount_allocations")) {
            Map<String, Object> allocation = typed("DiscountAllocation");
            allocation.put("allocatedAmountSet", moneyBag(d, "amount", currency));
            discounts.add(allocation);
        }
        m.put("discountAllocations", discounts);
        return m;
    }

    static Map<String, Object> fulfillment(ObjectNode f) {
        long id = f.path("id").asLong();
        List<Object> tracking = new ArrayList<>();
        JsonNode numbers = f.path("tracking_numbers");
        JsonNode urls = f.path("tracking_urls");
        for (int i = 0; i < numbers.size(); i++) {
            Map<String, Object> t = typed("FulfillmentTrackingInfo");
            t.put("company", text(f, "tracking_company"));
            t.put("number", numbers.get(i).asText());
            t.put("url", urls.has(i) && !urls.get(i).isNull() ? urls.get(i).asText() : null);
            tracking.add(t);
        }
        Map<String, Object> m = typed("Fulfillment");
        m.put("id", "gid://shopify/Fulfillment/" + id);
        m.put("legacyResourceId", Long.toString(id));
        m.put("name", text(f, "name"));
        m.put("status", upper(text(f, "status")));
        m.put("createdAt", utc(f, "created_at"));
        m.put("updatedAt", utc(f, "updated_at"));
        m.put("trackingInfo", tracking);
        return m;
    }

    /** MoneyBag from {@code name_set} when the payload has it, else from the plain string in the shop currency. */
    static Map<String, Object> moneyBag(JsonNode o, String name, String currency) {
        JsonNode set = o.path(name + "_set");
        Map<String, Object> m = typed("MoneyBag");
        if (set.isObject()) {
            m.put("shopMoney", money(set.path("shop_money").path("amount").asText(), set.path("shop_money").path("currency_code").asText()));
            m.put("presentmentMoney", money(set.path("presentment_money").path("amount").asText(),
                    set.path("presentment_money").path("currency_code").asText()));
        } else {
            Map<String, Object> shop = money(o.path(name).asText("0.00"), currency);
            m.put("shopMoney", shop);
            m.put("presentmentMoney", shop);
        }
        return m;
    }

    /**
     * The REST order carries no total refunded: Shopify's totalRefundedSet is the sum of its refunds' successful refund
     * transactions (shop currency; the fake's refunds are in the shop currency, so presentment is the same).
     */
    static java.math.BigDecimal refunded(JsonNode o) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (JsonNode r : o.path("refunds")) {
            for (JsonNode t : r.path("transactions")) {
                if ("refund".equals(t.path("kind").asText()) && "success".equals(t.path("status").asText())) {
                    sum = sum.add(new java.math.BigDecimal(t.path("amount").asText("0")));
                }
            }
        }
        return sum;
    }

    private static Map<String, Object> refundedBag(JsonNode o, String currency) {
        Map<String, Object> shop = money(refunded(o).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(), currency);
        Map<String, Object> m = typed("MoneyBag");
        m.put("shopMoney", shop);
        m.put("presentmentMoney", shop);
        return m;
    }

    private static Map<String, Object> money(String amount, String currency) {
        Map<String, Object> m = typed("MoneyV2");
        m.put("amount", amount);
        m.put("currencyCode", currency);
        return m;
    }

    static Map<String, Object> typed(String typename) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__typename", typename);
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String utc(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Times.utc(Times.parse(t));
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> tags(String tags) {
        if (tags == null || tags.isBlank()) return List.of();
        return List.of(tags.split("\\s*,\\s*"));
    }
}

package io.storelink.lineitems;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the line-item {@code fields} templates read besides the line itself: the quantity still on the order
 * ({@code current_quantity} when Shopify sends it: an order edit that removes a line keeps it with 0), the unit price,
 * the line's discount as an amount and as the percent OpportunityLineItem.Discount takes, and the order's currency.
 */
final class LineVariables {

    private LineVariables() {
    }

    static Map<String, Object> of(JsonNode line, String currency) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", text(line, "title"));
        v.put("name", text(line, "name") != null ? text(line, "name") : text(line, "title"));
        v.put("variantTitle", text(line, "variant_title"));
        v.put("sku", text(line, "sku"));
        v.put("vendor", text(line, "vendor"));
        v.put("currency", currency);
        int quantity = quantity(line);
        BigDecimal price = money(line.path("price"));
        BigDecimal discount = discount(line);
        v.put("quantity", quantity);
        v.put("price", price);
        v.put("discount", discount);
        BigDecimal gross = price == null ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(quantity));
        v.put("discountPercent", gross.signum() == 0 ? BigDecimal.ZERO
                : discount.multiply(BigDecimal.valueOf(100)).divide(gross, 2, RoundingMode.HALF_UP).min(BigDecimal.valueOf(100)));
        return v;
    }

    /** The quantity still ordered: current_quantity (API 2023-01 on) when present, else quantity. */
    static int quantity(JsonNode line) {
        JsonNode current = line.path("current_quantity");
        return current.isNumber() || current.isTextual() ? current.asInt() : line.path("quantity").asInt();
    }

    /** The discount on the line: its discount allocations, else total_discount (deprecated by Shopify, still sent). */
    private static BigDecimal discount(JsonNode line) {
        JsonNode allocations = line.path("discount_allocations");
        if (allocations.isArray() && !allocations.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode a : allocations) {
                BigDecimal amount = money(a.path("amount"));
                sum = amount == null ? sum : sum.add(amount);
            }
            return sum;
        }
        BigDecimal total = money(line.path("total_discount"));
        return total == null ? BigDecimal.ZERO : total;
    }

    static BigDecimal money(JsonNode v) {
        if (v.isNumber() || v.isTextual() && !v.asText().isBlank()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode line, String field) {
        JsonNode v = line.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}

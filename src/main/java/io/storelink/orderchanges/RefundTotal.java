package io.storelink.orderchanges;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The order's total refunded, read from the order itself through the Admin GraphQL API ({@code order-refunded}:
 * {@code totalRefundedSet} and {@code totalPriceSet}, shop currency), at the time the event is written.
 * <p>
 * Why the order and not the sum of its refunds: a refunds/create payload carries ONE refund. Summing would need every
 * other refund of the order too — kept in Salesforce (a field per refund id, read and rewritten) or asked of Shopify
 * anyway — and a sum built from deliveries double-counts a repeated one and undercounts a lost one. The order's total
 * is absolute: written twice it is the same, two refunds processed in either order both read a total that includes
 * every refund made before the read, and a later read never sees less (refunds only add up). Shopify also computes it
 * (refunded transactions, duties, shipping), so Storelink does not re-implement its rules. Cost: one Admin API call
 * of a few points per refund event, and the read_orders scope the orders/* webhooks need anyway.
 */
@Component("refundTotal")
public class RefundTotal {

    static final String DOCUMENT = "order-refunded";

    private final ShopifyAdmin shopify;

    public RefundTotal(ShopifyAdmin shopify) {
        this.shopify = shopify;
    }

    /** Reads the order's totals; no such order is an {@link OrderNotInShopifyException}. */
    public Totals read(@ExchangeProperty(ParseOrder.ORDER_ID) String orderId) {
        JsonNode order = shopify.query(DOCUMENT, Map.of("id", "gid://shopify/Order/" + orderId)).path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw new OrderNotInShopifyException(orderId);
        }
        return new Totals(amount(order.path("totalRefundedSet")), amount(order.path("totalPriceSet")));
    }

    private static BigDecimal amount(JsonNode moneyBag) {
        String amount = moneyBag.path("shopMoney").path("amount").asText("");
        return amount.isEmpty() ? BigDecimal.ZERO : new BigDecimal(amount);
    }

    /** The order's total refunded and its total price (before refunds), in the shop currency. */
    public record Totals(BigDecimal refunded, BigDecimal total) {

        /** Everything refunded: Shopify's financial status "refunded". An order of 0.00 is never "fully refunded". */
        public boolean fullyRefunded() {
            return total.signum() > 0 && refunded.compareTo(total) >= 0;
        }
    }
}

package io.storelink.fakes.shopify;

import io.storelink.orders.Buyer;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Everything random about one order, decided up front, so that {@link OrderJson} is a pure function
 * and {@link OrderFactory#largeOrder} can re-render with more lines without consuming randomness.
 */
record Draft(long id, int number, Instant createdAt, Buyer buyer, String token, String cartToken,
             String checkoutToken, long checkoutId, long shippingLineId, String confirmationNumber,
             String discountCode, BigDecimal percentOff, BigDecimal amountOffEur, boolean paid, String browserIp) {

    /**
     * Who buys. {@code customer == null} is a guest checkout; {@code customerKey} says whether the
     * payload then has {@code "customer": null} or no key at all (Shopify has sent both).
     * {@code email} is never null: Shopify sends {@code ""} when there is none.
     */
    record Buyer(ObjectNode customer, boolean customerKey, String email, String phone,
                 ObjectNode billing, ObjectNode shipping, Market market) {}

    /** One line; {@code poLine} is a purchase-order reference used on large B2B orders, else null. */
    record Line(long id, Catalog.Variant variant, int quantity, String poLine) {}
}

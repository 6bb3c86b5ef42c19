package io.storelink.shopify.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The part of a Shopify order payload that Storelink maps. Ids are {@code long} (they exceed 2^53, so never a
 * double), money is {@link BigDecimal} (Shopify sends it as strings). Unknown fields are ignored: payloads
 * grow with every API version. Any field may be absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyOrder(
        Long id,
        Long orderNumber,
        String name,
        String email,
        String phone,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime cancelledAt,
        String currency,
        BigDecimal totalPrice,
        String financialStatus,
        ShopifyCustomer customer,
        ShopifyAddress billingAddress,
        ShopifyAddress shippingAddress,
        List<ShopifyLineItem> lineItems) {

    public List<ShopifyLineItem> lineItems() {
        return lineItems == null ? List.of() : lineItems;
    }
}

package io.storelink.shopify.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The order's customer; absent on guest checkouts. Names, email and address may all be missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyCustomer(
        Long id,
        String email,
        String phone,
        String firstName,
        String lastName,
        ShopifyAddress defaultAddress) {
}

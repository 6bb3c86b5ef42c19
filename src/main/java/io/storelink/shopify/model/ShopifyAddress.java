package io.storelink.shopify.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Shopify mailing address (customer default, billing or shipping). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyAddress(
        String firstName,
        String lastName,
        String company,
        String address1,
        String address2,
        String city,
        String province,
        String zip,
        String country,
        String phone) {
}

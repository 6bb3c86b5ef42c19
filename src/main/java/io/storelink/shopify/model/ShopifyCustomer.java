package io.storelink.shopify.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Shopify customer: the order's customer (absent on guest checkouts) or the whole payload of customers/create,
 * customers/update and customers/delete (the delete carries only the id). Names, email and address may all be missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyCustomer(
        Long id,
        String email,
        String phone,
        String firstName,
        String lastName,
        ShopifyAddress defaultAddress,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String note,
        String tags,
        MarketingConsent emailMarketingConsent,
        MarketingConsent smsMarketingConsent) {

    /** Shopify's consent objects; {@code state} is e.g. subscribed, not_subscribed, unsubscribed, pending, redacted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MarketingConsent(String state) {

        public boolean subscribed() {
            return "subscribed".equalsIgnoreCase(state);
        }
    }
}

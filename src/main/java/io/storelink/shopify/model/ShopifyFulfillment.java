package io.storelink.shopify.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The part of a Shopify fulfillment payload ({@code fulfillments/create}, {@code fulfillments/update}, REST shape)
 * that shipment confirmation writes. Ids are {@code long}, never a double (they exceed 2^53). Unknown fields are
 * ignored; any field may be absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShopifyFulfillment(
        Long id,
        Long orderId,
        String name,
        String status,
        String trackingCompany,
        String trackingNumber,
        List<String> trackingNumbers,
        String trackingUrl,
        List<String> trackingUrls,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Every tracking number: {@code tracking_numbers}, or the single {@code tracking_number} of older payloads. */
    public List<String> allTrackingNumbers() {
        return valuesOr(trackingNumbers, trackingNumber);
    }

    /** Every tracking URL, in the order of the numbers. */
    public List<String> allTrackingUrls() {
        return valuesOr(trackingUrls, trackingUrl);
    }

    private static List<String> valuesOr(List<String> many, String one) {
        List<String> values = new ArrayList<>();
        if (many != null) {
            many.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().forEach(values::add);
        }
        if (values.isEmpty() && one != null && !one.isBlank()) {
            values.add(one.trim());
        }
        return values;
    }
}

package io.storelink.fulfillments;

import io.storelink.mapping.SalesforceText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storelink.shopify.model.ShopifyFulfillment;

/**
 * The computed values of a fulfillment, as variables for {@code simple:} field expressions: {@code trackingNumbers}
 * (all of them, comma-separated, as many whole numbers as fit a Text(255) field), {@code trackingUrl} (the first
 * one; one longer than a URL field is left out rather than cut, since a cut link leads nowhere).
 */
public final class FulfillmentVariables {

    static final String SEPARATOR = ", ";

    private FulfillmentVariables() {
    }

    static Map<String, Object> of(ShopifyFulfillment f) {
        Map<String, Object> v = new HashMap<>();
        v.put("trackingNumbers", numbers(f.allTrackingNumbers()));
        v.put("trackingUrl", url(f.allTrackingUrls()));
        v.put("updatedAt", SalesforceText.dateTime(f.updatedAt()));
        return v;
    }

    /** A parcel can have several tracking numbers; a single number longer than the field is cut like any other text. */
    static String numbers(List<String> numbers) {
        if (numbers.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder(numbers.get(0));
        for (String n : numbers.subList(1, numbers.size())) {
            if (joined.length() + SEPARATOR.length() + n.length() > SalesforceText.TEXT) {
                break;
            }
            joined.append(SEPARATOR).append(n);
        }
        return SalesforceText.fit(joined.toString(), SalesforceText.TEXT);
    }

    static String url(List<String> urls) {
        return urls.isEmpty() || urls.get(0).length() > SalesforceText.URL ? null : urls.get(0);
    }
}

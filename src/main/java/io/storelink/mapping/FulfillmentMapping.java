package io.storelink.mapping;

import static io.storelink.mapping.SalesforceText.fit;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storelink.shopify.model.ShopifyFulfillment;
import org.springframework.stereotype.Component;

/**
 * A Shopify fulfillment to the tracking fields of its order's Opportunity (storelink.mapping.fulfillment). Like the
 * order mapping it writes only values Shopify has, cut to Salesforce's field lengths instead of failing.
 */
@Component
public class FulfillmentMapping {

    static final String SEPARATOR = ", ";

    private final MappingSettings.FulfillmentFields fields;

    public FulfillmentMapping(MappingSettings settings) {
        this.fields = settings.fulfillment();
    }

    /** Field name to value, for one update of the Opportunity; never creates anything. */
    public Map<String, Object> map(ShopifyFulfillment f) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, fields.trackingCompany(), fit(blankToNull(f.trackingCompany()), SalesforceText.TEXT));
        put(out, fields.trackingNumber(), numbers(f.allTrackingNumbers()));
        put(out, fields.trackingUrl(), url(f.allTrackingUrls()));
        put(out, fields.status(), fit(blankToNull(f.status()), SalesforceText.TEXT));
        // always with seconds (OffsetDateTime.toString drops ":00"), the form Salesforce documents for datetimes
        put(out, fields.updatedAt(), f.updatedAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(f.updatedAt()));
        return out;
    }

    /**
     * A parcel can have several tracking numbers: all of them, comma-separated, as many whole numbers as fit;
     * a single number longer than the field is cut like any other text.
     */
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
        return fit(joined.toString(), SalesforceText.TEXT);
    }

    /**
     * A URL field holds one link: the first tracking URL. One longer than the field is left out rather than cut,
     * since a cut link leads nowhere.
     */
    static String url(List<String> urls) {
        return urls.isEmpty() || urls.get(0).length() > SalesforceText.URL ? null : urls.get(0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Skips absent values and fields the org does not map (empty field name). */
    private static void put(Map<String, Object> fields, String field, Object value) {
        if (field != null && !field.isBlank() && value != null) {
            fields.put(field, value);
        }
    }
}

package io.storelink.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The Shopify {@code updated_at} applied to a Salesforce record (e.g. Shopify_Updated_At__c), as Salesforce answers
 * datetimes in REST responses; the writers compare it with an event's version so that an older event never
 * overwrites a newer one.
 */
public final class AppliedVersion {

    /** Salesforce's datetime format in REST responses, e.g. 2026-01-31T10:15:00.000+0000. */
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private AppliedVersion() {
    }

    public static Instant parse(String value) {
        try {
            return OffsetDateTime.parse(value, SALESFORCE).toInstant();
        } catch (DateTimeParseException notSalesforceFormat) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }
}

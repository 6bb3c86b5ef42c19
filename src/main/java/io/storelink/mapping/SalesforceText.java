package io.storelink.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Values as Salesforce takes them as text. Fits text into a field's length, so one long street name does not make
 * Salesforce reject (STRING_TOO_LONG) the whole order; never splits a surrogate pair. The lengths are the org's
 * (describe), see io.storelink.salesforce.schema.FieldFit; the two here size the tracking variables. Date-times in
 * the form both writers' version fields use.
 */
public final class SalesforceText {

    /** Text(255), the longest plain text field, for tracking numbers. */
    public static final int TEXT = 255;
    /** Salesforce URL fields hold at most 255 characters. */
    public static final int URL = 255;

    private SalesforceText() {
    }

    public static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Always with seconds (OffsetDateTime.toString drops ":00"), the form Salesforce documents for datetimes. */
    public static String dateTime(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
}

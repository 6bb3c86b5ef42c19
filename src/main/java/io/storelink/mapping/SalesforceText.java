package io.storelink.mapping;

/**
 * Fits text into a Salesforce field's length, so one long street name does not make Salesforce reject
 * (STRING_TOO_LONG) the whole order. Never splits a surrogate pair. The lengths are the org's (describe), see
 * io.storelink.salesforce.schema.FieldFit; the two here size the tracking variables.
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
}

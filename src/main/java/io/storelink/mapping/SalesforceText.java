package io.storelink.mapping;

/**
 * Fits text into Salesforce's standard field lengths, so one long street name does not make Salesforce reject
 * (STRING_TOO_LONG) the whole order. Never splits a surrogate pair.
 */
final class SalesforceText {

    static final int ACCOUNT_NAME = 255;
    static final int FIRST_NAME = 40;
    static final int LAST_NAME = 80;
    static final int OPPORTUNITY_NAME = 120;
    static final int STREET = 255;
    static final int CITY = 40;
    static final int STATE = 80;
    static final int POSTAL_CODE = 20;
    static final int COUNTRY = 80;
    static final int PHONE = 40;
    static final int DESCRIPTION = 32000;
    /** Text(255), the longest plain text field, for tracking company, numbers and status. */
    static final int TEXT = 255;
    /** Salesforce URL fields hold at most 255 characters. */
    static final int URL = 255;

    private SalesforceText() {
    }

    static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}

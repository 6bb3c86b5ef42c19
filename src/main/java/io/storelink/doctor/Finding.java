package io.storelink.doctor;

/**
 * The outcome of one check.
 *
 * @param area   what was checked: Settings, Shopify, Salesforce, Schema, Kafka
 * @param check  what exactly, e.g. "login", "scopes"
 * @param ok     passed
 * @param detail what was found (never a secret: variable names, hosts, counts, Salesforce's error code)
 * @param fix    for a failure, the one thing to do; null when passed
 */
public record Finding(String area, String check, boolean ok, String detail, String fix) {

    public static Finding passed(String area, String check, String detail) {
        return new Finding(area, check, true, detail, null);
    }

    public static Finding failed(String area, String check, String detail, String fix) {
        return new Finding(area, check, false, detail, fix);
    }
}

package io.storelink.mapping;

/** Salesforce's naming of a lookup field's relationship, by which a record names its parent by external id. */
public final class LookupFields {

    private LookupFields() {
    }

    /** {@code AccountId} -> {@code Account}; custom {@code Buyer__c} -> {@code Buyer__r}. */
    public static String relationship(String lookupField) {
        if (lookupField.endsWith("__c")) {
            return lookupField.substring(0, lookupField.length() - 3) + "__r";
        }
        return lookupField.endsWith("Id") ? lookupField.substring(0, lookupField.length() - 2) : lookupField;
    }

    /** A lookup that is configured: not null or blank ("" in the mapping = no link). */
    public static boolean configured(String lookupField) {
        return lookupField != null && !lookupField.isBlank();
    }
}

package io.storelink.salesforce.schema;

import java.util.List;

import org.apache.camel.component.salesforce.api.dto.SObjectField;

/** One field as describe reports it: what the mapping may write into it and how. */
public record SalesforceField(String name, String type, int length, boolean createable, boolean updateable,
        boolean externalId, List<String> referenceTo) {

    public static SalesforceField of(SObjectField f) {
        return new SalesforceField(f.getName(), f.getType(), f.getLength() == null ? 0 : f.getLength(),
                Boolean.TRUE.equals(f.isCreateable()), Boolean.TRUE.equals(f.isUpdateable()),
                Boolean.TRUE.equals(f.isExternalId()), f.getReferenceTo() == null ? List.of() : f.getReferenceTo());
    }

    public boolean isNumber() {
        return switch (type) {
            case "double", "currency", "percent", "int", "long" -> true;
            default -> false;
        };
    }

    /** Types that hold text of at most {@link #length} characters. */
    public boolean isText() {
        return switch (type) {
            case "string", "textarea", "phone", "email", "url", "picklist", "multipicklist", "combobox",
                    "encryptedstring" -> true;
            default -> false;
        };
    }
}

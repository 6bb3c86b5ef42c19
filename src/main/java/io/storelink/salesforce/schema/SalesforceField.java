package io.storelink.salesforce.schema;

import java.util.List;

import org.apache.camel.component.salesforce.api.dto.PickListValue;
import org.apache.camel.component.salesforce.api.dto.SObjectField;

/**
 * One field as describe reports it: what the mapping may write into it and how.
 *
 * @param picklistValues the active values of a picklist field (empty for other types)
 */
public record SalesforceField(String name, String type, int length, boolean createable, boolean updateable,
        boolean externalId, boolean unique, List<String> referenceTo, List<String> picklistValues) {

    public static SalesforceField of(SObjectField f) {
        List<String> values = f.getPicklistValues() == null ? List.of() : f.getPicklistValues().stream()
                .filter(v -> !Boolean.FALSE.equals(v.getActive()))
                .map(PickListValue::getValue)
                .toList();
        return new SalesforceField(f.getName(), f.getType(), f.getLength() == null ? 0 : f.getLength(),
                Boolean.TRUE.equals(f.isCreateable()), Boolean.TRUE.equals(f.isUpdateable()),
                Boolean.TRUE.equals(f.isExternalId()), Boolean.TRUE.equals(f.isUnique()),
                f.getReferenceTo() == null ? List.of() : f.getReferenceTo(), values);
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

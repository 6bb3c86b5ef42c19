package io.storelink.fakes.salesforce;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.storelink.fakes.salesforce.Schema.SObjectType;

/**
 * An org with Person Accounts (Object Reference, Account): Account describes IsPersonAccount and the person fields
 * (FirstName, LastName, Person..., the Contact's custom fields as __pc) only then. A person Account is one whose
 * RecordTypeId is a record type with IsPersonType = true: its Name is computed from the names and cannot be written,
 * its LastName is required; a business Account's person fields are null and cannot be written.
 * UNCONFIRMED: the exact error texts; Salesforce's codes for both are INVALID_FIELD_FOR_INSERT_UPDATE / REQUIRED_FIELD_MISSING.
 */
final class PersonAccounts {

    static final String RECORD_TYPE = "RecordType";

    private PersonAccounts() {
    }

    static void enable(Schema schema) {
        FieldType s = FieldType.STRING;
        schema.addObject(RECORD_TYPE, "012");
        schema.addField(RECORD_TYPE, Schema.Field.of("DeveloperName", s));
        schema.addField(RECORD_TYPE, Schema.Field.of("SobjectType", s));
        schema.addField(RECORD_TYPE, Schema.Field.of("IsPersonType", FieldType.BOOLEAN));
        schema.addField("Account", Schema.Field.of("IsPersonAccount", FieldType.BOOLEAN).readOnly());
        schema.addField("Account", Schema.Field.reference("RecordTypeId", RECORD_TYPE));
        schema.addField("Account", Schema.Field.of("FirstName", s).withLength(40));
        schema.addField("Account", Schema.Field.of("LastName", s).withLength(80));
        schema.addField("Account", Schema.Field.of("PersonEmail", FieldType.EMAIL));
        schema.addField("Account", Schema.Field.of("PersonMobilePhone", FieldType.PHONE));
        schema.addField("Account", Schema.Field.of("PersonHasOptedOutOfEmail", FieldType.BOOLEAN));
        for (String f : List.of("Street", "City", "State", "PostalCode", "Country")) {
            schema.addField("Account", Schema.Field.of("PersonMailing" + f, f.equals("Street") ? FieldType.TEXTAREA : s)
                    .withLength(f.equals("Street") ? 255 : 80));
        }
        schema.addField("Account", Schema.Field.of("Shopify_Customer_Updated_At__pc", FieldType.DATETIME));
        schema.addField("Account", Schema.Field.of("Shopify_Customer_Deleted__pc", FieldType.BOOLEAN));
    }

    /** The record as it will be after the write obeys the person account rules; derives Name and IsPersonAccount. */
    static void check(SalesforceStore store, SObjectType type, Map<String, Object> merged, Map<String, Object> changes) {
        if (!type.name().equals("Account") || type.field("IsPersonAccount").isEmpty()) {
            return;
        }
        Object recordType = merged.get("RecordTypeId");
        boolean person = recordType != null && store.get(RECORD_TYPE, String.valueOf(recordType))
                .map(r -> Boolean.TRUE.equals(r.get("IsPersonType"))).orElse(false);
        if (person) {
            if (changes.get("Name") != null) {
                throw refused("Name");
            }
            if (merged.get("LastName") == null) {
                throw SfError.badRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", "LastName");
            }
            String first = merged.get("FirstName") == null ? "" : merged.get("FirstName") + " ";
            changes.put("Name", first + merged.get("LastName"));
            merged.put("Name", changes.get("Name"));
        } else {
            for (Map.Entry<String, Object> e : changes.entrySet()) {
                if (e.getValue() != null && personField(e.getKey())) {
                    throw refused(e.getKey());
                }
            }
        }
        changes.put("IsPersonAccount", person);
    }

    private static boolean personField(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        return f.equals("firstname") || f.equals("lastname") || f.startsWith("person") || f.endsWith("__pc");
    }

    private static SfError refused(String field) {
        return SfError.badRequest("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field
                + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field);
    }
}

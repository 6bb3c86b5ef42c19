package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.Field;
import io.storelink.fakes.salesforce.Schema.SObjectType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates write bodies against the schema and applies them to the store, one record at a time.
 * Every check runs before the first mutation, so a failing record never leaves partial state behind.
 * Callers hold the store lock.
 */
final class RecordWriter {

    record Saved(String id, boolean created) {
    }

    private final SalesforceStore store;
    private final Faults faults;
    private final ProductRules products;

    RecordWriter(SalesforceStore store, Faults faults) {
        this(store, faults, new ProductRules(store));
    }

    RecordWriter(SalesforceStore store, Faults faults, ProductRules products) {
        this.store = store;
        this.faults = faults;
        this.products = products;
    }

    Saved create(SObjectType type, Object body) {
        Map<String, Object> changes = prepare(type, body, true, null);
        check(type, null, changes, true);
        return new Saved(store.insert(type.name(), changes), true);
    }

    void update(SObjectType type, String rawId, Object body) {
        String id = existingId(type, rawId);
        Map<String, Object> changes = prepare(type, body, false, null);
        check(type, id, changes, false);
        store.update(type.name(), id, changes);
    }

    /** PATCH .../{ExternalIdField}/{value}: update the single match, create when none, 300 when several. */
    Saved upsert(SObjectType type, String externalIdField, String value, Object body, String version) {
        Field key = type.field(externalIdField)
                .filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> SfError.noFields(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + externalIdField));
        if (key.name().equals("Id")) {
            if (value == null || value.isEmpty()) {
                return create(type, body);
            }
            String id = existingId(type, value);
            update(type, id, body);
            return new Saved(id, false);
        }
        Object keyValue = coerce(type, key, value);
        List<Map<String, Object>> matches = store.findBy(type.name(), key.name(), keyValue, true);
        if (matches.size() > 1) {
            throw multipleMatches(type, matches, version);
        }
        // what may be written depends on the path the upsert takes: create-only fields only when it creates
        Map<String, Object> changes = prepare(type, body, matches.isEmpty(), key.name());
        if (matches.size() == 1) {
            String id = (String) matches.get(0).get("Id");
            check(type, id, changes, false);
            store.update(type.name(), id, changes);
            return new Saved(id, false);
        }
        Map<String, Object> created = new LinkedHashMap<>(changes);
        created.put(key.name(), keyValue);
        // the key is only "createable" through the URL; the body-level check above already forbids it there
        check(type, null, created, true);
        return new Saved(store.insert(type.name(), created), true);
    }

    void delete(SObjectType type, String rawId) {
        String id = existingId(type, rawId);
        products.deleting(type.name(), id);
        store.delete(type.name(), id);
    }

    /** Resolves a 15/18-char id of an existing record of {@code type}; 404 like Salesforce otherwise. */
    String existingId(SObjectType type, String rawId) {
        Optional<String> id = SalesforceIds.normalize(rawId);
        if (id.isEmpty()) {
            throw SfError.noFields(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + rawId);
        }
        if (store.get(type.name(), id.get()).isEmpty()) {
            throw SfError.notFound();
        }
        return id.get();
    }

    static SfError multipleMatches(SObjectType type, List<Map<String, Object>> matches, String version) {
        List<String> urls = matches.stream()
                .map(r -> "/services/data/v" + version + "/sobjects/" + type.name() + "/" + r.get("Id")).toList();
        return SfError.multipleChoices("DUPLICATE_EXTERNAL_ID",
                "more than one record found for external id field: " + matches.stream().map(r -> r.get("Id")).toList(), urls);
    }

    // ---- validation ----

    /** Body -> canonical field changes; resolves parent lookups by external id. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> prepare(SObjectType type, Object body, boolean create, String urlKeyField) {
        if (body == null) {
            body = Map.of();
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw SfError.badRequest("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + type.name() + " from START_ARRAY value [ or request may be missing a required field");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (var e : ((Map<String, Object>) map).entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("attributes")) {
                continue;
            }
            Optional<Field> relationship = type.relationship(key);
            if (relationship.isPresent() && (value == null || value instanceof Map)) {
                writable(relationship.get(), create);
                changes.put(relationship.get().name(), value == null ? null : lookup(relationship.get(), (Map<String, Object>) value));
                continue;
            }
            Field field = type.field(key).orElseThrow(() -> SfError.badRequest("INVALID_FIELD",
                    "No such column '" + key + "' on sobject of type " + type.name(), key));
            if (field.name().equalsIgnoreCase(urlKeyField) && value == null) {
                continue; // clients that null out the key before sending (camel's upsertSObject does) are fine
            }
            if (field.name().equalsIgnoreCase(urlKeyField)) {
                throw SfError.badRequest("INVALID_FIELD",
                        "The field " + field.name() + " should not be specified in the sobject data.", field.name());
            }
            if (field.name().equals("Id") && !create) {
                continue; // collections updates carry the Id of the record they address
            }
            writable(field, create);
            changes.put(field.name(), coerce(type, field, value));
        }
        return changes;
    }

    /** A lookup set by the parent's external id is checked like the field itself (create-only lookups too). */
    private static void writable(Field field, boolean create) {
        if (!(create ? field.createable() : field.updateable())) {
            throw SfError.badRequest("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field.name()
                    + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    field.name());
        }
    }

    /** Required, unique and rejection-rule checks against the record as it would be after the write. */
    private void check(SObjectType type, String id, Map<String, Object> changes, boolean create) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (!create) {
            merged.putAll(store.get(type.name(), id).orElseThrow());
        }
        merged.putAll(changes);
        PersonAccounts.check(store, type, merged, changes);
        List<String> missing = new ArrayList<>();
        for (Field f : type.fields()) {
            if (f.required() && merged.get(f.name()) == null && (create || changes.containsKey(f.name()))) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw SfError.badRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing.toArray(String[]::new));
        }
        for (var e : changes.entrySet()) {
            Field f = type.field(e.getKey()).orElseThrow();
            if (f.unique() && e.getValue() != null) {
                for (Map<String, Object> other : store.findBy(type.name(), f.name(), e.getValue(), true)) {
                    if (!other.get("Id").equals(id)) {
                        throw SfError.badRequest("DUPLICATE_VALUE",
                                "duplicate value found: " + f.name() + " duplicates value on record with id: " + other.get("Id"));
                    }
                }
            }
        }
        products.check(type.name(), id, merged, changes, create);
        faults.rejection(type.name(), merged).ifPresent(err -> {
            throw err;
        });
        deriveName(type, merged, changes);
    }

    /** Contact.Name is read-only and computed from FirstName and LastName, as in Salesforce. */
    private static void deriveName(SObjectType type, Map<String, Object> merged, Map<String, Object> changes) {
        boolean compound = type.field("Name").filter(f -> !f.createable()).isPresent()
                && type.field("FirstName").isPresent() && type.field("LastName").isPresent();
        if (compound && (changes.containsKey("FirstName") || changes.containsKey("LastName"))) {
            Object first = merged.get("FirstName");
            Object last = merged.get("LastName");
            changes.put("Name", first == null ? last : last == null ? first : first + " " + last);
        }
    }

    /** {@code "Account": {"External_Shopify_Account_ID__c": "x"}} -> the parent's Id. */
    private String lookup(Field reference, Map<String, Object> keyBody) {
        SObjectType parent = store.schema.object(reference.referenceTo()).orElseThrow();
        List<Map.Entry<String, Object>> keys = keyBody.entrySet().stream().filter(e -> !e.getKey().equals("attributes")).toList();
        if (keys.size() != 1) {
            throw SfError.badRequest("INVALID_FIELD",
                    "More than 1 field provided in an external foreign key reference in entity: " + parent.name());
        }
        String keyName = keys.get(0).getKey();
        Object value = keys.get(0).getValue();
        Field key = parent.field(keyName).filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> SfError.badRequest("INVALID_FIELD",
                        "Field name provided, " + keyName + " is not an External ID or indexed field for " + parent.name()));
        List<Map<String, Object>> matches = key.name().equals("Id")
                ? SalesforceIds.normalize(String.valueOf(value)).flatMap(id -> store.get(parent.name(), id)).stream().toList()
                : store.findBy(parent.name(), key.name(), value, true);
        if (matches.isEmpty()) {
            throw SfError.badRequest("INVALID_FIELD", "Foreign key external ID: " + value + " not found for field "
                    + key.name() + " in entity " + parent.name());
        }
        if (matches.size() > 1) {
            throw SfError.badRequest("INVALID_FIELD", "Foreign key external ID: " + value + " matched more than one record for field "
                    + key.name() + " in entity " + parent.name());
        }
        return (String) matches.get(0).get("Id");
    }

    /** Converts a JSON value to what the field stores, with Salesforce's error for each kind of misfit. */
    Object coerce(SObjectType type, Field f, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of " + f.type().soapName + " from "
                    + (value instanceof Map ? "START_OBJECT value {" : "START_ARRAY value [") + " or request may be missing a required field");
        }
        switch (f.type()) {
            case ID -> {
                return SalesforceIds.normalize(value.toString()).orElseThrow(() -> SfError.badRequest("MALFORMED_ID",
                        label(f) + ": id value of incorrect type: " + value, f.name()));
            }
            case REFERENCE -> {
                return reference(f, value.toString());
            }
            case DATE -> {
                try {
                    return LocalDate.parse(value.toString()).toString();
                } catch (DateTimeParseException e) {
                    throw unparseable(f, value);
                }
            }
            case DATETIME -> {
                try {
                    return Values.normalizeDateTime(value.toString());
                } catch (DateTimeParseException e) {
                    throw unparseable(f, value);
                }
            }
            case DOUBLE, CURRENCY, PERCENT, INT -> {
                if (value instanceof Number) {
                    return value; // BigDecimal/Long exactly as sent
                }
                if (value instanceof String s) {
                    try {
                        return new BigDecimal(s.trim());
                    } catch (NumberFormatException e) {
                        throw unparseable(f, value);
                    }
                }
                throw unparseable(f, value);
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return value;
                }
                if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
                    return Boolean.valueOf(value.toString());
                }
                throw unparseable(f, value);
            }
            default -> {
                String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                if (text.length() > f.length()) {
                    throw SfError.badRequest("STRING_TOO_LONG", label(f) + ": data value too large: " + text
                            + " (max length=" + f.length() + ")", f.name());
                }
                if (f.type() == FieldType.EMAIL && !text.isEmpty() && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw SfError.badRequest("INVALID_EMAIL_ADDRESS", label(f) + ": invalid email address: " + text, f.name());
                }
                return text.isEmpty() ? null : text; // Salesforce stores "" as null
            }
        }
    }

    private String reference(Field f, String raw) {
        String id = SalesforceIds.normalize(raw).orElseThrow(() -> SfError.badRequest("MALFORMED_ID",
                label(f) + ": id value of incorrect type: " + raw, f.name()));
        SObjectType target = store.schema.object(f.referenceTo()).orElseThrow();
        if (!id.startsWith(target.keyPrefix())) {
            throw SfError.badRequest("FIELD_INTEGRITY_EXCEPTION", label(f) + ": id value of incorrect type: " + raw, f.name());
        }
        if (store.get(target.name(), id).isEmpty()) {
            throw SfError.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", f.name());
        }
        return id;
    }

    private static SfError unparseable(Field f, Object value) {
        return SfError.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of " + f.type().soapName
                + " from VALUE_STRING value " + value + " or request may be missing a required field");
    }

    /** Salesforce names fields by label in messages: "AccountId" -> "Account ID", "Name" -> "Name". */
    private static String label(Field f) {
        String n = f.name().endsWith("__c") ? f.name().substring(0, f.name().length() - 3).replace('_', ' ') : f.name();
        return n.endsWith("Id") && f.referenceTo() != null ? n.substring(0, n.length() - 2) + " ID" : n;
    }
}

package io.storelink.fakes.salesforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Object and field definitions (what describe reports and what writes/queries are validated against).
 * Lookups are case-insensitive like Salesforce's; the canonical spelling is what gets stored and returned.
 * Changes replace immutable snapshots, so readers never need a lock.
 */
public final class Schema {

    /** One field. Build with {@link #of} and the with-ers, e.g. {@code Field.of("Foo__c", STRING).withLength(80).asExternalId(true)}. */
    public record Field(String name, FieldType type, int length, boolean required, boolean externalId,
                        boolean unique, boolean createable, boolean updateable, String referenceTo) {

        public static Field of(String name, FieldType type) {
            return new Field(name, type, type.defaultLength, false, false, false, true, true, null);
        }

        public Field withLength(int n) {
            return new Field(name, type, n, required, externalId, unique, createable, updateable, referenceTo);
        }

        public Field asRequired() {
            return new Field(name, type, length, true, externalId, unique, createable, updateable, referenceTo);
        }

        public Field asExternalId(boolean isUnique) {
            return new Field(name, type, length, required, true, isUnique, createable, updateable, referenceTo);
        }

        public Field readOnly() {
            return new Field(name, type, length, required, externalId, unique, false, false, referenceTo);
        }

        /** Set on create only, as PricebookEntry.Pricebook2Id or OpportunityLineItem.OpportunityId. */
        public Field createOnly() {
            return new Field(name, type, length, required, externalId, unique, true, false, referenceTo);
        }

        public static Field reference(String name, String referenceTo) {
            return new Field(name, FieldType.REFERENCE, 18, false, false, false, true, true, referenceTo);
        }

        /** "AccountId" -> "Account" (standard), "Parent__c" -> "Parent__r" (custom); what bodies and SOQL use for the parent. */
        public String relationshipName() {
            if (referenceTo == null) {
                return null;
            }
            if (name.endsWith("__c")) {
                return name.substring(0, name.length() - 3) + "__r";
            }
            return name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
        }

        boolean isSystem() {
            return name.equals("Id") || name.equals("CreatedDate") || name.equals("LastModifiedDate");
        }
    }

    /** One sObject type; its field map is an immutable snapshot swapped on change. */
    public static final class SObjectType {
        final String name;
        final String keyPrefix;
        private volatile Map<String, Field> fieldsByLowerName;

        SObjectType(String name, String keyPrefix) {
            this.name = name;
            this.keyPrefix = keyPrefix;
            Map<String, Field> base = new LinkedHashMap<>();
            put(base, Field.of("Id", FieldType.ID).readOnly());
            put(base, Field.of("CreatedDate", FieldType.DATETIME).readOnly());
            put(base, Field.of("LastModifiedDate", FieldType.DATETIME).readOnly());
            fieldsByLowerName = Collections.unmodifiableMap(base);
        }

        public String name() {
            return name;
        }

        public String keyPrefix() {
            return keyPrefix;
        }

        public Optional<Field> field(String fieldName) {
            return Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
        }

        public List<Field> fields() {
            return List.copyOf(fieldsByLowerName.values());
        }

        /** Finds the reference field whose relationship name is {@code relationship} (e.g. "Account" -> AccountId). */
        Optional<Field> relationship(String relationship) {
            return fieldsByLowerName.values().stream()
                    .filter(f -> f.referenceTo() != null && f.relationshipName().equalsIgnoreCase(relationship))
                    .findFirst();
        }

        synchronized void add(Field field) {
            Map<String, Field> copy = new LinkedHashMap<>(fieldsByLowerName);
            put(copy, field);
            fieldsByLowerName = Collections.unmodifiableMap(copy);
        }

        synchronized void remove(String field) {
            Map<String, Field> copy = new LinkedHashMap<>(fieldsByLowerName);
            copy.remove(field.toLowerCase(Locale.ROOT));
            fieldsByLowerName = Collections.unmodifiableMap(copy);
        }

        private static void put(Map<String, Field> map, Field f) {
            map.put(f.name().toLowerCase(Locale.ROOT), f);
        }
    }

    private volatile Map<String, SObjectType> objects = Map.of();
    private int customPrefixes;
    private final Map<String, List<String>> picklists = new java.util.concurrent.ConcurrentHashMap<>();

    Schema() {
        defaults();
    }

    /** The standard objects and the fields Storelink's default mapping writes, without a running fake. */
    public static Schema standard() {
        return new Schema();
    }

    /** Adds (or returns the existing) object; custom objects get prefixes a00, a01, ... like real orgs. */
    public synchronized SObjectType addObject(String name, String keyPrefix) {
        Optional<SObjectType> existing = object(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String prefix = keyPrefix != null ? keyPrefix : String.format("a%02d", customPrefixes++);
        if (prefix.length() != 3) {
            throw new IllegalArgumentException("key prefix must have 3 characters: " + prefix);
        }
        SObjectType type = new SObjectType(name, prefix);
        Map<String, SObjectType> copy = new LinkedHashMap<>(objects);
        copy.put(name.toLowerCase(Locale.ROOT), type);
        objects = Collections.unmodifiableMap(copy);
        return type;
    }

    public SObjectType addObject(String name) {
        return addObject(name, null);
    }

    /** Adds a field; an external ID added this way is also unique, which is how integrations configure them. */
    public Schema addField(String sObject, String field, FieldType type, boolean externalId) {
        Field f = Field.of(field, type);
        return addField(sObject, externalId ? f.asExternalId(true) : f);
    }

    /** Removes a field, as an org that never created it (e.g. one the default mapping writes). */
    public Schema removeField(String sObject, String field) {
        objectOrThrow(sObject).remove(field);
        return this;
    }

    public Schema addField(String sObject, Field field) {
        if (field.type() == FieldType.REFERENCE && (field.referenceTo() == null || object(field.referenceTo()).isEmpty())) {
            throw new IllegalArgumentException("reference field needs an existing referenceTo object: " + field);
        }
        objectOrThrow(sObject).add(field);
        return this;
    }

    /**
     * Sets the active values of a picklist field (describe's {@code picklistValues}). The org's Opportunity stages
     * are Salesforce's defaults plus the bridge's default {@code New Order}, as README's set-up asks.
     */
    public Schema picklist(String sObject, String field, String... values) {
        picklists.put(key(sObject, field), List.of(values));
        return this;
    }

    /** The active values of a picklist field; empty for other fields. */
    public List<String> picklistValues(String sObject, String field) {
        return picklists.getOrDefault(key(sObject, field), List.of());
    }

    private static String key(String sObject, String field) {
        return (sObject + "." + field).toLowerCase(Locale.ROOT);
    }

    public Optional<SObjectType> object(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<SObjectType> objects() {
        return new ArrayList<>(objects.values());
    }

    /** The object whose ids start with this prefix, used to check that an id points at the right object. */
    Optional<SObjectType> byKeyPrefix(String prefix) {
        return objects.values().stream().filter(o -> o.keyPrefix.equals(prefix)).findFirst();
    }

    private SObjectType objectOrThrow(String name) {
        return object(name).orElseThrow(() -> new IllegalArgumentException("unknown sObject " + name));
    }

    private void defaults() {
        addObject("Account", "001");
        addObject("Contact", "003");
        addObject("Opportunity", "006");
        addObject("Product2", "01t");
        addObject("Pricebook2", "01s");
        addObject("PricebookEntry", "01u");
        addObject("OpportunityLineItem", "00k");
        FieldType s = FieldType.STRING;

        addField("Account", Field.of("Name", s).asRequired());
        addField("Account", Field.of("BillingStreet", FieldType.TEXTAREA).withLength(255));
        addField("Account", Field.of("BillingCity", s).withLength(40));
        addField("Account", Field.of("BillingState", s).withLength(80));
        addField("Account", Field.of("BillingPostalCode", s).withLength(20));
        addField("Account", Field.of("BillingCountry", s).withLength(80));
        addField("Account", Field.of("Phone", FieldType.PHONE));
        addField("Account", Field.of("Website", FieldType.URL));
        addField("Account", Field.of("Description", FieldType.TEXTAREA).withLength(32000));
        addField("Account", Field.of("External_Shopify_Account_ID__c", s).asExternalId(true));

        addField("Contact", Field.reference("AccountId", "Account"));
        addField("Contact", Field.of("Name", s).withLength(121).readOnly()); // compound: FirstName + LastName
        addField("Contact", Field.of("FirstName", s).withLength(40));
        addField("Contact", Field.of("LastName", s).withLength(80).asRequired());
        addField("Contact", Field.of("Email", FieldType.EMAIL));
        addField("Contact", Field.of("Phone", FieldType.PHONE));
        addField("Contact", Field.of("MailingStreet", FieldType.TEXTAREA).withLength(255));
        addField("Contact", Field.of("MailingCity", s).withLength(40));
        addField("Contact", Field.of("MailingState", s).withLength(80));
        addField("Contact", Field.of("MailingPostalCode", s).withLength(20));
        addField("Contact", Field.of("MailingCountry", s).withLength(80));
        addField("Contact", Field.of("External_Shopify_ID__c", s).asExternalId(true));
        addField("Contact", Field.of("HasOptedOutOfEmail", FieldType.BOOLEAN));
        addField("Contact", Field.of("Description", FieldType.TEXTAREA).withLength(32000));
        addField("Contact", Field.of("Shopify_Customer_Updated_At__c", FieldType.DATETIME));
        addField("Contact", Field.of("Shopify_Customer_Deleted__c", FieldType.BOOLEAN));
        addField("Contact", Field.of("Shopify_Tags__c", s));

        addField("Opportunity", Field.of("Name", s).withLength(120).asRequired());
        addField("Opportunity", Field.reference("AccountId", "Account"));
        addField("Opportunity", Field.reference("ContactId", "Contact"));
        addField("Opportunity", Field.of("StageName", FieldType.PICKLIST).asRequired());
        picklist("Opportunity", "StageName", "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
                "Closed Lost", "New Order");
        addField("Opportunity", Field.of("CloseDate", FieldType.DATE).asRequired());
        addField("Opportunity", Field.of("Amount", FieldType.CURRENCY));
        addField("Opportunity", Field.of("Description", FieldType.TEXTAREA).withLength(32000));
        addField("Opportunity", Field.of("External_Shopify_Order_ID__c", s).asExternalId(true));
        addField("Opportunity", Field.of("Shopify_Updated_At__c", FieldType.DATETIME));
        addField("Opportunity", Field.of("Tracking_Company__c", s));
        addField("Opportunity", Field.of("Tracking_Number__c", s));
        addField("Opportunity", Field.of("Tracking_URL__c", FieldType.URL));
        addField("Opportunity", Field.of("Fulfillment_Status__c", s));
        addField("Opportunity", Field.of("Tracking_Updated_At__c", FieldType.DATETIME));
        addField("Opportunity", Field.of("Shopify_Total_Refunded__c", FieldType.CURRENCY));
        // a custom field no default fills: the tests and the sandbox map it in a file beside the defaults
        addField("Opportunity", Field.of("Shopify_Payment_Gateway__c", s).withLength(80));

        addField("Product2", Field.of("Name", s).asRequired());
        addField("Product2", Field.of("ProductCode", s));
        addField("Product2", Field.of("Description", FieldType.TEXTAREA).withLength(4000));
        addField("Product2", Field.of("IsActive", FieldType.BOOLEAN));
        addField("Product2", Field.of("StockKeepingUnit", s).withLength(180).asExternalId(true));
        addField("Product2", Field.of("Quantity_Available__c", FieldType.DOUBLE));
        addField("Product2", Field.of("External_Shopify_Variant_ID__c", s).asExternalId(false));

        // Products on Opportunities (Object Reference: Pricebook2, PricebookEntry, OpportunityLineItem); the two
        // External_Shopify_* fields are the ones README's set-up asks for when line items are on
        addField("Pricebook2", Field.of("Name", s).asRequired());
        addField("Pricebook2", Field.of("IsActive", FieldType.BOOLEAN));
        addField("Pricebook2", Field.of("IsStandard", FieldType.BOOLEAN).readOnly());
        addField("Opportunity", Field.reference("Pricebook2Id", "Pricebook2"));
        addField("PricebookEntry", Field.reference("Pricebook2Id", "Pricebook2").asRequired().createOnly());
        addField("PricebookEntry", Field.reference("Product2Id", "Product2").asRequired().createOnly());
        addField("PricebookEntry", Field.of("UnitPrice", FieldType.CURRENCY).asRequired());
        addField("PricebookEntry", Field.of("IsActive", FieldType.BOOLEAN));
        addField("PricebookEntry", Field.of("UseStandardPrice", FieldType.BOOLEAN));
        addField("PricebookEntry", Field.of("External_Shopify_Price_Key__c", s).asExternalId(true));
        addField("OpportunityLineItem", Field.reference("OpportunityId", "Opportunity").asRequired().createOnly());
        addField("OpportunityLineItem", Field.reference("PricebookEntryId", "PricebookEntry").asRequired().createOnly());
        addField("OpportunityLineItem", Field.reference("Product2Id", "Product2").readOnly());
        addField("OpportunityLineItem", Field.of("Quantity", FieldType.DOUBLE).asRequired());
        addField("OpportunityLineItem", Field.of("UnitPrice", FieldType.CURRENCY));
        addField("OpportunityLineItem", Field.of("Discount", FieldType.PERCENT));
        addField("OpportunityLineItem", Field.of("Description", s));
        addField("OpportunityLineItem", Field.of("External_Shopify_Line_Item_ID__c", s).asExternalId(true));
    }
}

package io.storelink.lineitems;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * storelink.mapping.line-items (defaults in application.yaml). Off by default: many orgs do not use Products.
 *
 * @param enabled          write Product2, PricebookEntry and OpportunityLineItem records for the order lines
 * @param priceBook        the Pricebook2 Name the lines are priced in; "" = the Standard Price Book
 * @param opportunityPriceBook the Opportunity's price book lookup (Pricebook2Id): set with every order write, since
 *                         Salesforce takes line items only on an Opportunity with a price book
 * @param product          Product2, one per Shopify variant, upserted by its external id
 * @param priceBookEntry   PricebookEntry, created once per price book, variant and currency; its external id is
 *                         {@code <Pricebook2 Id>:<variant key>[:<currency>]}
 * @param lineItem         OpportunityLineItem, one per order line, upserted by its external id (the line's id)
 */
@ConfigurationProperties("storelink.mapping.line-items")
public record LineItemSettings(
        boolean enabled,
        String priceBook,
        String opportunityPriceBook,
        ProductFields product,
        EntryFields priceBookEntry,
        LineFields lineItem) {

    public LineItemSettings {
        priceBook = priceBook == null ? "" : priceBook.trim();
        opportunityPriceBook = blankOr(opportunityPriceBook, "Pricebook2Id");
        product = product == null ? new ProductFields(null, null, null) : product;
        priceBookEntry = priceBookEntry == null ? new EntryFields(null, null) : priceBookEntry;
        lineItem = lineItem == null ? new LineFields(null, null, null) : lineItem;
    }

    public boolean standardPriceBook() {
        return priceBook.isEmpty();
    }

    /** {@code fields}: Salesforce field to a path into the order line or a simple: template (variables of LineVariables). */
    public record ProductFields(String object, String externalId, Map<String, String> fields) {
        public ProductFields {
            object = blankOr(object, "Product2");
            externalId = blankOr(externalId, "External_Shopify_Variant_ID__c");
            fields = fields == null ? Map.of() : fields;
        }
    }

    public record EntryFields(String object, String externalId) {
        public EntryFields {
            object = blankOr(object, "PricebookEntry");
            externalId = blankOr(externalId, "External_Shopify_Price_Key__c");
        }
    }

    public record LineFields(String object, String externalId, Map<String, String> fields) {
        public LineFields {
            object = blankOr(object, "OpportunityLineItem");
            externalId = blankOr(externalId, "External_Shopify_Line_Item_ID__c");
            fields = fields == null ? Map.of() : fields;
        }
    }

    private static String blankOr(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}

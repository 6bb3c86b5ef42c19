package io.storelink.lineitems;

import java.util.Map;

import io.storelink.salesforce.schema.SalesforceField;

/**
 * What building and reading a lines call needs besides the orders: the settings, the Opportunity's object and
 * external id (the lines' parent), the price book ids, whether the org has currencies (CurrencyIsoCode, from
 * describe) and the org's fields of the three objects, to fit values to.
 */
record LineContext(String apiVersion, LineItemSettings settings, String opportunityObject, String opportunityKey,
        PriceBooks.Ids priceBooks, boolean multiCurrency, Map<String, SalesforceField> productFields,
        Map<String, SalesforceField> lineFields) {

    static final String CURRENCY = "CurrencyIsoCode";

    /** A PricebookEntry's external id: price book, product, and currency in a multi-currency org. */
    String entryKey(String priceBookId, String variantKey, String currency) {
        return PriceBooks.entryKey(priceBookId, variantKey, currency, multiCurrency);
    }
}

package io.storelink.lineitems;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One order's lines as Salesforce records: what the lines call writes for it. {@code orderKey} is the Opportunity's
 * external id, {@code currency} the order's (shop) currency, written where the org has CurrencyIsoCode.
 */
public record OrderLines(String orderKey, String currency, List<Line> lines) {

    /**
     * One line: its product (Product2 by {@code variantKey}), the price its PricebookEntry is created with, and the
     * OpportunityLineItem fields (by {@code lineKey}, the Shopify line id).
     */
    public record Line(String lineKey, String variantKey, BigDecimal listPrice, Map<String, Object> productFields,
            Map<String, Object> lineFields) {
    }
}

package io.storelink.inventory;

import java.math.BigDecimal;

/**
 * A Salesforce product as read: its Id, the key it matched (Shopify's spelling) and the quantity it holds now
 * (null when empty).
 */
record SalesforceProduct(String id, String key, BigDecimal quantity) {
}

package io.storelink.orderchanges;

import io.storelink.shopify.PoisonPayloadException;

/**
 * Shopify has no such order (deleted since the refund, or the bridge reads another store than the one that sent the
 * webhook): there is no total to write, and asking again will not change that. Dead-lettered at once.
 */
public class OrderNotInShopifyException extends PoisonPayloadException {

    public OrderNotInShopifyException(String shopifyOrderId) {
        super("Shopify order " + shopifyOrderId + " not found through the Admin API (deleted, or another store)", null);
    }
}

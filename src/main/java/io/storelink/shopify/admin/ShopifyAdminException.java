package io.storelink.shopify.admin;

/** A Shopify Admin API call that did not succeed (after the client's own retries for throttling and 5xx). */
public class ShopifyAdminException extends RuntimeException {

    public ShopifyAdminException(String message) {
        super(message);
    }

    public ShopifyAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}

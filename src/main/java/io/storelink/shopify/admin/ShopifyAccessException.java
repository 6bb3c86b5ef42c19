package io.storelink.shopify.admin;

/**
 * Shopify refused the access token (401) or a scope it needs (403, ACCESS_DENIED). Retrying cannot help: the job is
 * skipped and the health endpoint says what the merchant has to fix.
 */
public class ShopifyAccessException extends ShopifyAdminException {

    private final String scope;

    public ShopifyAccessException(String message, String scope) {
        super(message);
        this.scope = scope;
    }

    /** The missing scope, e.g. read_orders; null when Shopify refused the token itself. */
    public String scope() {
        return scope;
    }
}

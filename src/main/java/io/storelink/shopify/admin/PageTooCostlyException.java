package io.storelink.shopify.admin;

/**
 * Shopify refused a page whose requested cost the bucket can never hold (THROTTLED with a cost above
 * {@code maximumAvailable}) or that is above the single-query limit (MAX_COST_EXCEEDED): a smaller page can run.
 */
public class PageTooCostlyException extends ShopifyAdminException {

    PageTooCostlyException(String message) {
        super(message);
    }
}

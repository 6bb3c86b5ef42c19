package io.storelink.fulfillments;

/**
 * A fulfillment event whose order has no Opportunity yet: Shopify delivers out of order, so the order event may
 * still be on its way (or retrying). Transient: retried with backoff, then dead-lettered (replay it once the order
 * is in Salesforce, or let the next shipment-confirmation run publish it again).
 */
public class OpportunityNotYetInSalesforceException extends RuntimeException {

    public OpportunityNotYetInSalesforceException(Object shopifyOrderId) {
        super("Opportunity for Shopify order " + shopifyOrderId + " not in Salesforce yet");
    }
}

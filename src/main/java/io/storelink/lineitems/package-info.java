/**
 * Line items and products (opt-in, storelink.mapping.line-items): each order line as an OpportunityLineItem of the
 * order's Opportunity, priced by a PricebookEntry of the configured price book for its Product2 (one per Shopify
 * variant). The orders writer (io.storelink.orders) calls in here after it wrote a call's Opportunities; a re-sync
 * makes the Opportunity's lines exactly the order's. Everything Salesforce-specific about products (price books,
 * the standard price first, currencies, create-only lookups) lives here.
 */
package io.storelink.lineitems;

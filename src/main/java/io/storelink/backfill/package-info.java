/**
 * The store's history into Salesforce with the APIs made for volume: Shopify's bulk query (io.storelink.backfill.shopify)
 * and Salesforce's Bulk API 2.0 (io.storelink.backfill.salesforce), by the live writer's mapping.
 */
package io.storelink.backfill;

/**
 * Shopify orders and fulfillments to Salesforce upserts: which field goes where (names from application.yaml).
 */
package io.storelink.mapping;

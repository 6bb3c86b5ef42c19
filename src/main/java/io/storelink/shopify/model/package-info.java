/**
 * Typed Shopify payloads (orders, customers, addresses, line items, fulfillments) as Jackson records.
 */
package io.storelink.shopify.model;

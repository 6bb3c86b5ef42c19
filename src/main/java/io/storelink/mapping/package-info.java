/**
 * Shopify orders and fulfillments to Salesforce records by the configured field mapping (storelink.mapping.*.fields):
 * field expressions (payload paths, Camel simple templates) compiled once, and the computed variables they read.
 */
package io.storelink.mapping;

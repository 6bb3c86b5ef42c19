/**
 * Inventory sync: Shopify stock totals compared with existing Product2 records, changed quantities written in collections.
 */
package io.storelink.inventory;

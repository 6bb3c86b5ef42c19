/**
 * Shopify customers without an order: customers/create and customers/update upsert the customer's Account and
 * Contact (keyed as orders key them), customers/delete leaves them or marks the Contact. The events ride the orders
 * topic with the orders' key and are written by the orders writer (io.storelink.orders), so a customer's order and
 * customer events keep their order and share its batches, calls and version guard.
 */
package io.storelink.customers;

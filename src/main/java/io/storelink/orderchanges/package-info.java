/**
 * Order changes to Salesforce (routes/order-changes-to-salesforce.camel.yaml): refunds/create writes the order's total
 * refunded to its Opportunity, orders/delete closes or deletes the Opportunity. Both update an Opportunity the
 * orders writer created; neither ever creates one. orders/edited carries only the edit: {@link
 * io.storelink.orderchanges.EditedOrder} reads the order back from Shopify and hands it to the orders writer.
 */
package io.storelink.orderchanges;

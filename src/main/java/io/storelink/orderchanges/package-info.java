/**
 * Order changes to Salesforce (routes/order-changes-to-salesforce.camel.yaml): refunds/create writes the order's total
 * refunded to its Opportunity, orders/delete closes or deletes the Opportunity. Both update an Opportunity the
 * orders writer created; neither ever creates one.
 */
package io.storelink.orderchanges;

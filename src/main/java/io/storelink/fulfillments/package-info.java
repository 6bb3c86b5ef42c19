/**
 * Fulfillments to Salesforce (routes/fulfillments-to-salesforce.camel.yaml): the tracking fields of the order's
 * Opportunity by the field mapping, the Opportunity's lookup and applied version, and the composite that writes them.
 */
package io.storelink.fulfillments;

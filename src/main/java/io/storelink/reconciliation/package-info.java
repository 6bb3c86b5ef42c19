/**
 * Reconciliation poller: orders Salesforce lacks or has older, put back on the orders topic in webhook shape.
 */
package io.storelink.reconciliation;

/**
 * Shopify's privacy webhooks (routes/privacy-requests.camel.yaml): a customer's records redacted (anonymised or
 * deleted) or exported from Salesforce, and an audit record of each request on the privacy audit topic.
 */
package io.storelink.privacy;

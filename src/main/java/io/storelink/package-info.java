/**
 * Storelink: Shopify webhooks and pollers to Salesforce, as Camel routes (routes/*.camel.yaml) with the Java they call.
 * The packages are named after what they do; the data flow reads top to bottom in the route files.
 */
package io.storelink;

/**
 * What the org's objects look like (describe, cached), fitting mapped values to its fields, and the start-up check
 * of the configured mapping against them.
 */
package io.storelink.salesforce.schema;

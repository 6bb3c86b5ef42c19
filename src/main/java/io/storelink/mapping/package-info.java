/**
 * The field mapping both writers use (storelink.mapping.*.fields): field expressions (payload paths, Camel simple
 * templates) compiled once, the payload they read, the upsert they fill, Salesforce's text limits.
 */
package io.storelink.mapping;

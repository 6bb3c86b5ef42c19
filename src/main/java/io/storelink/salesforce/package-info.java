/**
 * What both writers share about Salesforce: error classes, the pause gate and allowance governor, health, versions.
 */
package io.storelink.salesforce;

/**
 * Operator metrics beyond Camel's: sync latency, Salesforce API usage and reserve, writer lag and pause.
 */
package io.storelink.metrics;

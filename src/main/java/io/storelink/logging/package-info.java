/**
 * The Shopify event (webhook id, topic, order id) in every log line's MDC.
 */
package io.storelink.logging;

/**
 * Shipment confirmation poller: fulfillments changed in Shopify, put on the fulfillments topic in webhook shape.
 */
package io.storelink.shipment;

/**
 * Shopify webhooks: body, HMAC signature, topic, Kafka record shape and key, parsing into the order model.
 */
package io.storelink.shopify;

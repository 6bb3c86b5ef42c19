/**
 * The store's webhook subscriptions: which topics deliver to the bridge's public address, and creating the missing
 * ones ({@code java -jar storelink.jar register-webhooks}); the doctor reads the same comparison.
 */
package io.storelink.shopify.subscriptions;

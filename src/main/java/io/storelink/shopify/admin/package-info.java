/**
 * Shopify Admin GraphQL client: the shared cost bucket, page sizes that fit it, pagination, scope errors, health.
 */
package io.storelink.shopify.admin;

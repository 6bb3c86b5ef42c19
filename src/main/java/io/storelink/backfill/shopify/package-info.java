/**
 * Backfill, Shopify side: the store's order history read with one bulk query operation ({@code bulkOperationRunQuery}),
 * polled until it finishes, its JSONL result downloaded and regrouped into orders with their line items.
 */
package io.storelink.backfill.shopify;

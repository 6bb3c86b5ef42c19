package io.storelink.shopify.admin;

/**
 * The store's cost bucket as Shopify last reported it ({@code extensions.cost.throttleStatus}): plans differ and
 * Shopify may lower them, so the doctor shows what the store really has.
 *
 * @param maximumAvailable points the bucket holds
 * @param restoreRate      points restored per second
 */
public record BucketStatus(double maximumAvailable, double restoreRate) {
}

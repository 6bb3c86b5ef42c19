package io.storelink.shopify.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Page sizes follow the bucket Shopify reports and the cost of the last page. */
class PageSizesTest {

    private final PageSizes sizes = new PageSizes();

    @Test
    void theConfiguredSizeUntilACostIsKnown() {
        assertThat(sizes.fitting("OrdersUpdatedSince", 5, Double.NaN)).isEqualTo(5);
        assertThat(sizes.fitting("Locations", 900, Double.NaN)).as("Shopify's 250-node limit").isEqualTo(250);
        assertThat(sizes.expectedCost("OrdersUpdatedSince", 5)).isZero();
        sizes.record("WebhookSubscriptions", null, 12);
        assertThat(sizes.expectedCost("WebhookSubscriptions", null)).as("no first: what it cost last").isEqualTo(12);
    }

    @Test
    void shrinksToWhatTheBucketCanHoldAndGrowsBackWhenItDoes() {
        sizes.record("OrdersUpdatedSince", 5, 805); // 161 points an order
        assertThat(sizes.expectedCost("OrdersUpdatedSince", 2)).isEqualTo(322);
        assertThat(sizes.fitting("OrdersUpdatedSince", 5, 400)).isEqualTo(2);
        assertThat(sizes.fitting("OrdersUpdatedSince", 5, 100)).as("never below one").isEqualTo(1);
        assertThat(sizes.fitting("OrdersUpdatedSince", 5, 2000)).isEqualTo(5);
    }

    @Test
    void neverAboveShopifysSingleQueryLimit() {
        sizes.record("LocationInventory", 100, 602);
        assertThat(sizes.fitting("LocationInventory", 250, 20_000)).as("0.9 x 1000 points / 6.02").isEqualTo(149);
        assertThat(sizes.fitting("LocationInventory", 100, 20_000)).isEqualTo(100);
    }
}

package io.storelink.backfill.shopify;

import io.storelink.fakes.shopify.admin.BulkQueryRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inner bulk query, with and without line items, is valid against Shopify's real schema and within the bulk rules
 * (ShopifyQueriesTest also checks the file itself for deprecated fields).
 */
class BulkOrdersQueryTest {

    private static final Instant SINCE = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2024-06-30T12:00:00.500Z");

    @Test
    void withLineItemsIsAValidBulkQueryWithTheRange() {
        String query = BulkOrdersQuery.of(SINCE, UNTIL, true);
        assertThat(BulkQueryRules.problem(query)).isNull();
        assertThat(query).contains("orders(query: \"created_at:>='2023-01-01T00:00:00Z' AND created_at:<'2024-06-30T12:00:00Z'\", sortKey: CREATED_AT)")
                .contains("lineItems");
    }

    @Test
    void withoutLineItemsHasNoNestedConnection() {
        String query = BulkOrdersQuery.of(SINCE, null, false);
        assertThat(BulkQueryRules.problem(query)).isNull();
        assertThat(query).doesNotContain("lineItems").contains("\"created_at:>='2023-01-01T00:00:00Z'\"");
    }

    @Test
    void lineItemSyncAlsoReadsTheVariantAndWhatIsStillOrderedAndOnlyThenNeedsReadProducts() {
        String sync = BulkOrdersQuery.of(SINCE, null, true, true);
        assertThat(BulkQueryRules.problem(sync)).isNull();
        assertThat(sync).contains("variant { legacyResourceId }", "currentQuantity", "discountAllocations", "vendor");
        assertThat(BulkOrdersQuery.of(SINCE, null, true, false)).contains("lineItems").doesNotContain("variant {", "currentQuantity");
    }
}

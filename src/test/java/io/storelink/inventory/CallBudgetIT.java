package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.storelink.inventory.InventoryComparison.Update;
import org.junit.jupiter.api.Test;

/**
 * The budget, "calls per 200 products <= 1", reads included, from the batching alone: reads are
 * ceil(queries / 5) composite calls, writes ceil(changed / 1000). It holds from 400 products up even when every
 * quantity changed; below that, one read plus one write is the floor (2 calls), and a run that changes
 * nothing costs 1 call per 2,500 products.
 */
class CallBudgetIT {

    @Test
    void atMostOneCallPer200ProductsFrom400ProductsUpEvenWhenEverythingChanged() {
        for (int products = 400; products <= 20_000; products += products < 3000 ? 23 : 997) {
            int calls = reads(products) + writes(products);
            assertThat(calls * 200).as("%d calls for %d products", calls, products).isLessThanOrEqualTo(products);
        }
        assertThat(reads(450) + writes(450)).isEqualTo(2);
        assertThat(reads(10_000) + writes(0)).isEqualTo(4);
    }

    private static int reads(int products) {
        List<String> keys = IntStream.range(0, products).mapToObj(i -> String.format("SKU-%06d", i)).toList();
        int queries = ProductQueries.soql(keys, InventorySettingsTest.settings("")).size();
        return (queries + SalesforceProducts.QUERIES_PER_CALL - 1) / SalesforceProducts.QUERIES_PER_CALL;
    }

    private static int writes(int changed) {
        List<Update> updates = IntStream.range(0, changed).mapToObj(i -> new Update("01t" + i, "SKU-" + i, i)).toList();
        return CollectionUpdates.batches(updates).size();
    }
}

package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.storelink.inventory.InventoryComparison.Changes;
import io.storelink.inventory.InventoryComparison.Update;
import org.junit.jupiter.api.Test;

class InventoryComparisonTest {

    @Test
    void changedAreUpdatedEqualAreLeftAloneMissingAreReported() {
        Map<String, Long> stock = new TreeMap<>(Map.of("A", 5L, "B", 7L, "C", 0L, "D", 3L, "E", 1L));
        List<SalesforceProduct> records = List.of(
                new SalesforceProduct("01t000000000001", "A", new BigDecimal("5.0")), // same value, other scale
                new SalesforceProduct("01t000000000002", "B", new BigDecimal("6")),
                new SalesforceProduct("01t000000000003", "C", null),                 // never synced: written, even 0
                new SalesforceProduct("01t000000000004", "D", new BigDecimal("3")));

        Changes changes = InventoryComparison.compare(stock, records);

        assertThat(changes.updates()).containsExactly(new Update("01t000000000002", "B", 7), new Update("01t000000000003", "C", 0));
        assertThat(changes.unchanged()).isEqualTo(2);
        assertThat(changes.unmatched()).containsExactly("E");
    }

    @Test
    void everyRecordOfAKeyIsKeptInStepButEachRecordOnlyOnce() {
        Map<String, Long> stock = new TreeMap<>(Map.of("A", 2L));
        List<SalesforceProduct> records = List.of(
                new SalesforceProduct("01t000000000001", "A", new BigDecimal("1")),
                new SalesforceProduct("01t000000000002", "A", new BigDecimal("2")),
                new SalesforceProduct("01t000000000001", "A", new BigDecimal("1"))); // answered a second query

        Changes changes = InventoryComparison.compare(stock, records);

        assertThat(changes.updates()).containsExactly(new Update("01t000000000001", "A", 2));
        assertThat(changes.unchanged()).isEqualTo(1);
        assertThat(changes.unmatched()).isEmpty();
    }

    @Test
    void unmatchedListing() {
        List<String> keys = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "K" + i).toList();
        String listed = UnmatchedProducts.list(keys);
        assertThat(listed).startsWith("First 50: K0, K1").contains("K49").doesNotContain("K50").endsWith("(and 10 more)");
        assertThat(UnmatchedProducts.list(List.of("X", "Y"))).isEqualTo("X, Y");
    }
}

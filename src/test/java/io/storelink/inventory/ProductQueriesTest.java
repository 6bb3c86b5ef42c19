package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ProductQueriesTest {

    private static final InventorySettings SETTINGS = InventorySettingsTest.settings("");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    @Test
    void atMost500KeysPerQueryAndEveryKeyOnce() {
        List<String> keys = IntStream.range(0, 1201).mapToObj(i -> String.format("SKU-%05d", i)).toList();

        List<String> queries = ProductQueries.soql(keys, SETTINGS);

        assertThat(queries).hasSize(3);
        assertThat(queries).allSatisfy(q -> assertThat(q)
                .startsWith("SELECT Id, StockKeepingUnit, Quantity_Available__c FROM Product2 WHERE StockKeepingUnit IN ('")
                .endsWith("')"));
        assertThat(queries.stream().map(q -> literals(q).size())).containsExactly(500, 500, 201);
        assertThat(queries.stream().flatMap(q -> literals(q).stream())).containsExactlyElementsOf(keys);
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(ProductQueries.literal("O'Neil \\ 12\"")).isEqualTo("'O\\'Neil \\\\ 12\\\"'");
        assertThat(ProductQueries.literal("a\nb")).isEqualTo("'a\\nb'");
        String q = ProductQueries.soql(List.of("it's"), SETTINGS).get(0);
        assertThat(q).endsWith("IN ('it\\'s')");
    }

    @Test
    void longKeysSplitEarlierSoTheUrlStaysShort() {
        List<String> keys = IntStream.range(0, 500).mapToObj(i -> "LONG-SKU-" + "x".repeat(60) + i).toList();

        List<String> queries = ProductQueries.soql(keys, SETTINGS);

        assertThat(queries.size()).isGreaterThan(1);
        assertThat(queries).allSatisfy(q -> assertThat(ProductQueries.urlEncoded(q).length()).isLessThanOrEqualTo(ProductQueries.MAX_URL_CHARS));
        assertThat(queries.stream().flatMap(q -> literals(q).stream())).containsExactlyElementsOf(keys);
    }

    @Test
    void noKeysNoQueries() {
        assertThat(ProductQueries.soql(List.of(), SETTINGS)).isEmpty();
    }

    private static List<String> literals(String soql) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(soql.substring(soql.indexOf(" IN (")));
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return out;
    }
}

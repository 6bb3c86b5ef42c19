package io.storelink.lineitems;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When the writer may trust that an order's lines in Salesforce are the ones it wrote. */
class LinesWrittenTest {

    private static final Instant WRITTEN_AT = Instant.parse("2026-12-07T05:00:00Z");
    private final LinesWritten written = new LinesWritten(2, Clock.fixed(WRITTEN_AT, ZoneOffset.UTC));

    @Test
    void theSameLinesAreUnchangedUntilThePartitionsAreResetOrTheLinesChange() {
        written.written(lines("1", 2), "01s");
        Instant resetBefore = WRITTEN_AT.minusSeconds(60);

        assertThat(written.unchanged(lines("1", 2), "01s", resetBefore)).isTrue();
        assertThat(written.unchanged(lines("1", 3), "01s", resetBefore)).as("another quantity").isFalse();
        assertThat(written.unchanged(lines("1", 2), "01s-other", resetBefore)).as("another price book").isFalse();
        assertThat(written.unchanged(lines("1", 2), "01s", WRITTEN_AT.plusSeconds(1)))
                .as("a reset since: another instance may have written the order").isFalse();

        written.forget("1");
        assertThat(written.unchanged(lines("1", 2), "01s", resetBefore)).isFalse();
    }

    @Test
    void theLeastRecentlyUsedOrderIsForgottenFirst() {
        written.written(lines("1", 1), "01s");
        written.written(lines("2", 1), "01s");
        written.unchanged(lines("1", 1), "01s", Instant.EPOCH);
        written.written(lines("3", 1), "01s");

        assertThat(written.unchanged(lines("1", 1), "01s", Instant.EPOCH)).isTrue();
        assertThat(written.unchanged(lines("2", 1), "01s", Instant.EPOCH)).isFalse();
    }

    private static OrderLines lines(String order, int quantity) {
        return new OrderLines(order, "EUR", List.of(new OrderLines.Line(order + "01", "v1", BigDecimal.TEN,
                Map.of("Name", "Tea"), Map.of("Quantity", quantity))));
    }
}

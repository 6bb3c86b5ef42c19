package io.storelink.backfill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackfillCommandTest {

    @Test
    void readsTheRangeAsDatesOrInstantsWithOrWithoutEquals() {
        BackfillRequest r = BackfillCommand.parse(List.of("--since", "2023-01-01", "--until=2024-01-01T12:00:00Z", "--dry-run"));

        assertThat(r.since()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(r.until()).isEqualTo(Instant.parse("2024-01-01T12:00:00Z"));
        assertThat(r.dryRun()).isTrue();
        assertThat(r.resume()).isFalse();
    }

    @Test
    void resumeTakesNoRange() {
        assertThat(BackfillCommand.parse(List.of("--resume")).resume()).isTrue();
        assertThatThrownBy(() -> BackfillCommand.parse(List.of("--resume", "--since", "2023-01-01")))
                .hasMessageContaining("--resume continues the last run");
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> BackfillCommand.parse(List.of())).hasMessageContaining("needs --since");
        assertThatThrownBy(() -> BackfillCommand.parse(List.of("--since"))).hasMessageContaining("--since needs a value");
        assertThatThrownBy(() -> BackfillCommand.parse(List.of("--since", "2023-01-01", "--until", "2022-01-01")))
                .hasMessageContaining("must be after");
        assertThatThrownBy(() -> BackfillCommand.parse(List.of("--sinse", "2023-01-01"))).hasMessageContaining("unknown argument --sinse");
    }
}

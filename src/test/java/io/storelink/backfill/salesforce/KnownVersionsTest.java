package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The live writer's rule on the versions Salesforce has: written unless Salesforce has the same or a newer one. */
class KnownVersionsTest {

    private static final Instant V = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void anOrderIsWrittenUnlessSalesforceHasTheSameOrANewerVersion() {
        KnownVersions versions = new KnownVersions();
        versions.put("1001", V);

        assertThat(versions.writes("1001", V.plusMillis(1))).as("Salesforce older").isTrue();
        assertThat(versions.writes("1001", V)).as("the same version").isFalse();
        assertThat(versions.writes("1001", V.minusSeconds(60))).as("Salesforce newer").isFalse();
        assertThat(versions.writes("1002", V)).as("not in Salesforce").isTrue();
        assertThat(versions.writes("1001", null)).as("an order without a version, as the live writer").isTrue();
    }

    @Test
    void aSecondVersionOfTheSameOrderKeepsTheNewerAndForeignKeysAreNotKept() {
        KnownVersions versions = new KnownVersions();
        versions.put("1001", V);
        versions.put("1001", V.minusSeconds(5));
        versions.put("legacy-7", V);
        versions.put("", V);
        versions.put("1003", null);

        assertThat(versions.size()).isEqualTo(1);
        assertThat(versions.writes("1001", V.minusSeconds(1))).isFalse();
        assertThat(versions.writes("legacy-7", V.minusSeconds(1))).isTrue();
    }

    @Test
    void aHundredThousandOrdersAreAllFoundAfterTheTableGrows() {
        KnownVersions versions = new KnownVersions();
        long first = 5_000_000_000_000L;
        for (long i = 0; i < 100_000; i++) {
            versions.put(Long.toString(first + i * 7), V.plusSeconds(i));
        }
        assertThat(versions.size()).isEqualTo(100_000);
        for (long i = 0; i < 100_000; i += 997) {
            assertThat(versions.writes(Long.toString(first + i * 7), V.plusSeconds(i))).isFalse();
            assertThat(versions.writes(Long.toString(first + i * 7), V.plusSeconds(i).plusMillis(1))).isTrue();
            assertThat(versions.writes(Long.toString(first + i * 7 + 1), V)).isTrue();
        }
    }
}

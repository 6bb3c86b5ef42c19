package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table larger than one upload: parts of at most max-upload-bytes, each with the header, rows whole and in order. */
class CsvPartsTest {

    @TempDir
    Path dir;

    @Test
    void aTableIsSplitIntoPartsOfAtMostTheMaximumEachWithItsHeader() throws Exception {
        // header "Id,Name\n" is 8 bytes, each row "100N,é\n" 8 bytes in UTF-8: 3 rows fit in 32 bytes
        CsvParts csv = new CsvParts(dir, "Opportunity", List.of("Id", "Name"), 32);
        try (csv) {
            for (int i = 0; i < 7; i++) {
                csv.write(Map.of("Id", "100" + i, "Name", "é"));
            }
        }

        assertThat(csv.parts()).extracting(CsvParts.Part::rows).containsExactly(3L, 3L, 1L);
        assertThat(csv.parts()).extracting(p -> p.csv().getFileName().toString())
                .containsExactly("Opportunity.csv", "Opportunity-2.csv", "Opportunity-3.csv");
        for (CsvParts.Part part : csv.parts()) {
            assertThat(Files.size(part.csv())).isLessThanOrEqualTo(32);
            assertThat(Files.readString(part.csv())).startsWith("Id,Name\n");
        }
        assertThat(Files.readString(csv.parts().get(1).csv(), StandardCharsets.UTF_8))
                .isEqualTo("Id,Name\n1003,é\n1004,é\n1005,é\n");
    }

    @Test
    void anEmptyTableIsOnePartWithTheHeaderOnly() throws Exception {
        CsvParts csv = new CsvParts(dir, "Contact", List.of("Id"), 100);
        csv.close();

        assertThat(csv.parts()).singleElement().satisfies(p -> {
            assertThat(p.rows()).isZero();
            assertThat(Files.readString(p.csv())).isEqualTo("Id\n");
        });
    }

    @Test
    void aRowThatCannotFitInAnyUploadIsAnError() throws Exception {
        try (CsvParts csv = new CsvParts(dir, "Account", List.of("Id", "Description"), 20)) {
            assertThatThrownBy(() -> csv.write(Map.of("Id", "1", "Description", "x".repeat(20))))
                    .hasMessageContaining("max-upload-bytes");
        }
    }
}

package io.storelink.backfill.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What an operator asked for: the orders created from {@code since} (inclusive) until {@code until} (exclusive; null =
 * now), only counted ({@code dryRun}), or the last unfinished run continued ({@code resume}; the range is then the
 * checkpoint's).
 */
public record BackfillRequest(Instant since, Instant until, boolean dryRun, boolean resume) {

    public BackfillRequest {
        if (!resume && since == null) {
            throw new IllegalArgumentException("a backfill needs --since (a date, 2023-01-01, or an instant) or --resume");
        }
        if (since != null && until != null && !until.isAfter(since)) {
            throw new IllegalArgumentException("--until (" + until + ") must be after --since (" + since + ")");
        }
    }

    public static BackfillRequest resumeLast() {
        return new BackfillRequest(null, null, false, true);
    }

    /** A date (2023-01-01, midnight UTC) or an ISO instant (2023-01-01T10:00:00Z); null or blank stays null. */
    public static Instant time(String text, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + text + " is neither a date (2023-01-01) nor an instant (2023-01-01T00:00:00Z)");
        }
    }
}

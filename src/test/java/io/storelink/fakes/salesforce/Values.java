package io.storelink.fakes.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Comparator;
import java.util.Locale;

/** Value comparison and date handling shared by the store, SOQL and fault rules. */
final class Values {

    /** The format Salesforce returns datetimes in: 2026-01-02T03:04:05.000+0000. */
    static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT);

    /** Accepts what clients send: Z, +00:00, +0000, with or without fractions. */
    private static final DateTimeFormatter LENIENT_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Text compares case-insensitively (SOQL and external-id matching do), numbers by value. */
    static final Comparator<Object> ORDER = (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return String.valueOf(a).compareToIgnoreCase(String.valueOf(b));
    };

    private Values() {
    }

    static String now() {
        return SF_DATETIME.format(Instant.now().atOffset(ZoneOffset.UTC));
    }

    /** Parses a client datetime and renders it the way Salesforce stores it; throws DateTimeParseException. */
    static String normalizeDateTime(String text) {
        if (text.length() == 10) {
            return SF_DATETIME.format(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        var parsed = LENIENT_DATETIME.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
        OffsetDateTime odt = parsed instanceof OffsetDateTime o ? o
                : ((java.time.LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        return SF_DATETIME.format(odt.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static boolean isDateTime(String text) {
        try {
            normalizeDateTime(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    /** Equality for lookups: numbers by value, text exact or ignoring case. */
    static boolean same(Object stored, Object given, boolean ignoreCase) {
        if (stored == null || given == null) {
            return stored == null && given == null;
        }
        String a = canonical(stored);
        String b = canonical(given);
        return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /** The key of a value in the store's indexes: what {@link #same} compares, ignoring case. */
    static String indexKey(Object v) {
        return canonical(v).toLowerCase(java.util.Locale.ROOT);
    }

    private static String canonical(Object v) {
        if (v instanceof Number n) {
            BigDecimal d = decimal(n).stripTrailingZeros();
            return d.signum() == 0 ? "0" : d.toPlainString();
        }
        return v.toString();
    }
}

package io.storelink.salesforce.schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.mapping.SalesforceText;

/**
 * Mapped values into what their Salesforce field takes, by its describe: numbers as BigDecimal (never a double),
 * "true"/"false" as booleans, lists of values as text ("a, b"; a multi-select picklist "a;b"), text cut to the
 * field's length instead of failing the whole record with STRING_TOO_LONG (a URL or email longer than its field is
 * left out: cut, it would be wrong). A value that cannot fit is passed on as it is: Salesforce refuses that record
 * and {@link #misfit} lets the start-up check name it first.
 */
public final class FieldFit {

    private FieldFit() {
    }

    /** Every value fitted to its field; fields describe does not know are passed on unchanged. */
    public static Map<String, Object> fit(Map<String, Object> values, Map<String, SalesforceField> fields) {
        if (fields.isEmpty()) {
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            SalesforceField f = fields.get(name.toLowerCase(Locale.ROOT));
            Object fitted = f == null ? v : value(v, f);
            if (fitted != null) {
                out.put(name, fitted);
            }
        });
        return out;
    }

    static Object value(Object v, SalesforceField f) {
        if (f.isNumber()) {
            return number(v);
        }
        if ("boolean".equals(f.type())) {
            return v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) ? Boolean.valueOf(s) : v;
        }
        if (!f.isText()) {
            return v instanceof Number n ? n.toString() : v; // dates, ids: as Shopify wrote them
        }
        Object text = text(v, "multipicklist".equals(f.type()) ? ";" : ", ");
        if (!(text instanceof String s) || f.length() <= 0 || s.length() <= f.length()) {
            return text;
        }
        return "url".equals(f.type()) || "email".equals(f.type()) ? null : SalesforceText.fit(s, f.length());
    }

    /** Why the value cannot go into the field, or null when it fits (after {@link #value}). */
    public static String misfit(Object value, SalesforceField f) {
        Object v = value(value, f);
        if (v == null) {
            return null;
        }
        if (f.isNumber() && !(v instanceof BigDecimal)) {
            return "a number";
        }
        if ("boolean".equals(f.type()) && !(v instanceof Boolean)) {
            return "true or false";
        }
        if (f.isText() && !(v instanceof String)) {
            return "text (a path to a single value, e.g. discount_codes[0].code)";
        }
        if ("date".equals(f.type()) && !parses(v, true)) {
            return "a date (2026-12-31)";
        }
        if ("datetime".equals(f.type()) && !parses(v, false)) {
            return "a date and time (2026-12-31T10:00:00Z)";
        }
        return null;
    }

    private static Object number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }

    private static Object text(Object v, String separator) {
        if (v instanceof String || v == null) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> list && list.stream().noneMatch(i -> i instanceof JsonNode || i instanceof Map)) {
            String joined = list.stream().filter(Objects::nonNull).map(i -> String.valueOf(text(i, separator)))
                    .collect(Collectors.joining(separator));
            return joined.isBlank() ? null : joined;
        }
        return v; // an object: cannot be text
    }

    private static boolean parses(Object v, boolean date) {
        try {
            if (date) {
                LocalDate.parse(v.toString());
            } else {
                OffsetDateTime.parse(v.toString());
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

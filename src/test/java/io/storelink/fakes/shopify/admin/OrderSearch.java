package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax the bridge uses on {@code orders(query:)}: time comparisons such as
 * {@code updated_at:>'2026-11-21T09:00:00Z'} (quoted or not, any offset; a date or a time without offset is
 * in the shop's zone), several terms ANDed, {@code -} negating. Other terms are refused loudly (Shopify would
 * search by them).
 */
final class OrderSearch {

    private static final Pattern TERM = Pattern.compile(
            "\\s*(?:(AND)\\b|(-)?([a-z_]+):(>=|<=|>|<)?(?:'([^']*)'|\"([^\"]*)\"|([^\\s'\"]+)))", Pattern.CASE_INSENSITIVE);

    private OrderSearch() {
    }

    static Predicate<ObjectNode> parse(String query) {
        Predicate<ObjectNode> all = o -> true;
        if (query == null || query.isBlank()) {
            return all;
        }
        Matcher m = TERM.matcher(query);
        int at = 0;
        while (at < query.length() && m.find(at) && m.start() == at) {
            at = m.end();
            if (m.group(1) != null) continue;
            String value = m.group(5) != null ? m.group(5) : m.group(6) != null ? m.group(6) : m.group(7);
            Predicate<ObjectNode> term = term(m.group(3).toLowerCase(), m.group(4) == null ? ":" : m.group(4), value);
            all = all.and(m.group(2) != null ? term.negate() : term);
        }
        if (!query.substring(at).isBlank()) {
            throw FieldError.notModelled("the search syntax at '" + query.substring(at).trim() + "' in query: " + query);
        }
        return all;
    }

    private static Predicate<ObjectNode> term(String field, String op, String value) {
        String restField = switch (field) {
            case "updated_at" -> "updated_at";
            case "created_at", "processed_at" -> "created_at";
            default -> null;
        };
        if (restField == null) {
            throw FieldError.notModelled("search field '" + field + "' (orders query supports updated_at, created_at, processed_at)");
        }
        Instant bound = instant(value);
        return o -> {
            int c = Times.parse(o.get(restField).asText()).compareTo(bound);
            return switch (op) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c == 0;
            };
        };
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // fall through: no offset
        }
        try {
            return LocalDateTime.parse(value).atZone(OrderFactory.SHOP_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            // fall through: a date
        }
        try {
            return LocalDate.parse(value).atStartOfDay(OrderFactory.SHOP_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw FieldError.notModelled("the search value '" + value + "' (expected an ISO-8601 date or timestamp)");
        }
    }
}

package io.storelink.fakes.shopify.admin;

import io.storelink.fakes.shopify.OrderFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps: the REST shape carries the shop's offset, GraphQL DateTime is UTC ("2026-11-21T09:00:00Z"). */
final class Times {

    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Times() {
    }

    static Instant parse(String restTimestamp) {
        return OffsetDateTime.parse(restTimestamp).toInstant();
    }

    /** GraphQL DateTime; also the sort value in cursors (fixed width, so text order is time order). */
    static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** REST timestamp in the shop's zone with its offset, as OrderFactory writes them. */
    static String rest(Instant t) {
        return REST.format(t.atZone(OrderFactory.SHOP_ZONE));
    }
}

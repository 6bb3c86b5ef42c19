package io.storelink.backfill.shopify;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import io.storelink.shopify.admin.GraphqlDocuments;

/**
 * The inner query of the bulk operation: shopify/bulk-orders.graphql with its created_at range (Shopify's search
 * syntax, timestamps quoted, UTC) and, when line items are off, without the line items connection. A bulk query is
 * sent as one string, so the range is written into it rather than passed as a variable.
 */
public final class BulkOrdersQuery {

    static final String DOCUMENT = "bulk-orders";
    private static final String RANGE_TOKEN = "$createdAt";
    private static final Pattern LINE_ITEMS = Pattern.compile("(?s)\\s*# line-items:begin.*?# line-items:end");
    private static final Pattern LINE_ITEM_SYNC = Pattern.compile("(?s)\\s*# line-item-sync:begin.*?# line-item-sync:end");

    private BulkOrdersQuery() {
    }

    /** Orders created at or after {@code since} and, when {@code until} is not null, before it. */
    public static String of(Instant since, Instant until, boolean lineItems) {
        return of(since, until, lineItems, false);
    }

    /**
     * {@code lineItemSync}: the lines also with what line-item sync writes to Salesforce (storelink.mapping.line-items:
     * the variant, which needs read_products, vendor, the quantity still ordered, discounts); without it a store
     * that does not sync lines grants no more than it did.
     */
    public static String of(Instant since, Instant until, boolean lineItems, boolean lineItemSync) {
        String range = "created_at:>='" + utc(since) + "'" + (until == null ? "" : " AND created_at:<'" + utc(until) + "'");
        String document = GraphqlDocuments.load(DOCUMENT);
        if (!lineItems) {
            document = LINE_ITEMS.matcher(document).replaceAll("");
        }
        if (!lineItemSync) {
            document = LINE_ITEM_SYNC.matcher(document).replaceAll("");
        }
        return document.replace(RANGE_TOKEN, range);
    }

    private static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}

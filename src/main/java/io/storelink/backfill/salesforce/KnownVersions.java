package io.storelink.backfill.salesforce;

import java.time.Instant;

/**
 * The order versions Salesforce already has (an Opportunity's Shopify {@code updated_at}, by its external id: the
 * Shopify order id), read once before a backfill's export, so that the backfill never writes an order older over a
 * newer one the live path wrote. The rule is the live writer's ({@code OrderBatch.decide},
 * {@code AppliedVersions.isNewer}): an order is written when Salesforce has no version for it or an older one; the
 * same or a newer version leaves it alone.
 * <p>
 * Held compactly because a store's history is large: order ids and epoch millis in two open-addressing {@code long}
 * arrays (about 4 MB for 100,000 orders, where a {@code HashMap<String, Instant>} takes some 12 MB). Salesforce keeps
 * datetimes to the millisecond, so millis lose nothing it has. An external id that is not a Shopify order id (not a
 * positive number) cannot be asked for by the backfill and is not kept.
 */
public final class KnownVersions {

    /** Exchange property of a backfill run: the versions read by route backfill-versions. */
    public static final String PROPERTY = "backfillKnownVersions";

    private static final long EMPTY = 0; // no Shopify id is 0

    private long[] ids = new long[1024];
    private long[] millis = new long[1024];
    private int size;

    /** Salesforce holds this version for the order (a second one for the same id keeps the newer). */
    public void put(String externalId, Instant version) {
        long id = orderId(externalId);
        if (id <= 0 || version == null) {
            return;
        }
        if ((size + 1) * 2L > ids.length) {
            grow();
        }
        int at = slot(ids, id);
        if (ids[at] == EMPTY) {
            ids[at] = id;
            millis[at] = version.toEpochMilli();
            size++;
        } else {
            millis[at] = Math.max(millis[at], version.toEpochMilli());
        }
    }

    /**
     * Whether the backfill writes this version of the order: Salesforce has none, or an older one (an order without a
     * version is written, as the live writer writes it).
     */
    public boolean writes(String externalId, Instant version) {
        long id = orderId(externalId);
        if (version == null || id <= 0) {
            return true;
        }
        int at = slot(ids, id);
        return ids[at] == EMPTY || Instant.ofEpochMilli(millis[at]).isBefore(version);
    }

    /** Orders Salesforce has a version for. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldMillis = millis;
        ids = new long[oldIds.length * 2];
        millis = new long[oldIds.length * 2];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                int at = slot(ids, oldIds[i]);
                ids[at] = oldIds[i];
                millis[at] = oldMillis[i];
            }
        }
    }

    /** Where the id is, or the empty slot where it goes (linear probing; the table is at most half full). */
    private static int slot(long[] table, long id) {
        int mask = table.length - 1;
        int at = Long.hashCode(id * 0x9E3779B97F4A7C15L) & mask;
        while (table[at] != EMPTY && table[at] != id) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private static long orderId(String externalId) {
        if (externalId == null || externalId.isEmpty() || externalId.length() > 18) {
            return -1;
        }
        for (int i = 0; i < externalId.length(); i++) {
            char c = externalId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(externalId);
    }

    @Override
    public String toString() {
        return size + " order version(s)";
    }
}

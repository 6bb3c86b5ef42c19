package io.storelink.lineitems;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines this writer wrote per order (a digest of the mapped lines, price book and currency), so that an event
 * that leaves an order's lines as they were (paid, fulfilled, a note) costs no lines call. Trusted only when written
 * after the writer's partitions were last reset (an assignment, a re-read): before that another instance may have
 * written the order. Bounded, least recently used out; in memory, like the version cache it follows.
 */
final class LinesWritten {

    private record Entry(String digest, Instant at) {
    }

    private final int max;
    private final Clock clock;
    private final Map<String, Entry> entries;

    LinesWritten(int max, Clock clock) {
        this.max = max;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > LinesWritten.this.max;
            }
        };
    }

    synchronized boolean unchanged(OrderLines lines, String priceBook, Instant lastReset) {
        Entry e = entries.get(lines.orderKey());
        return e != null && e.at().isAfter(lastReset) && e.digest().equals(digest(lines, priceBook));
    }

    synchronized void written(OrderLines lines, String priceBook) {
        entries.put(lines.orderKey(), new Entry(digest(lines, priceBook), clock.instant()));
    }

    synchronized void forget(String orderKey) {
        entries.remove(orderKey);
    }

    /** Records print their components in order, the fields in configuration order: a stable text of the lines. */
    private static String digest(OrderLines lines, String priceBook) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((priceBook + "|" + lines).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

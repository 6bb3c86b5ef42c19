package io.storelink.orders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order (and customer) versions this writer knows Salesforce has, per partition of the orders topic, so that at a trickle an
 * event costs one Salesforce call (the write) instead of two (the version read, then the write).
 * <p>
 * Every write of an order goes through its partition (the key is its customer), and a partition is written by one
 * consumer at a time. So while a partition stays assigned here, the versions written or read here are what
 * Salesforce has, and an order created after the partition was assigned (its {@code created_at} later than the
 * partition's <em>horizon</em> plus a clock margin) cannot have been written by anyone else: it is not in Salesforce
 * yet. Everything else is read from Salesforce. The horizon starts at the time of (re)assignment and only moves
 * forward: to the {@code created_at} of an order evicted from the bounded cache or forgotten after a failed write,
 * so an order whose version is not known here is always read.
 * <p>
 * A partition is reset (forgotten, horizon = now) when it is assigned again ({@link PartitionAssignments}), when its
 * offsets do not follow on from the last record seen (a re-read after a failed batch, another consumer's progress)
 * and on restart (nothing is kept). Known limit: if an order's customer changes in Shopify, its later events have
 * another key and may land in another partition; an event of the old customer delivered late, after the new one was
 * written elsewhere, is then only checked against this partition's knowledge (README, "Version guard").
 */
@Component
public class WrittenVersions {

    /** What is known of an order here: its version in Salesforce, that Salesforce has none, or nothing. */
    public sealed interface Known {
    }

    /** Salesforce holds this version ({@code null}: the Opportunity exists without a version). */
    public record Version(Instant updatedAt) implements Known {
    }

    /** Salesforce has no Opportunity for the order (created after the horizon, or read and not found). */
    public record Absent() implements Known {
    }

    private static final Known ABSENT = new Absent();

    private final Map<Integer, PartitionVersions> partitions = new ConcurrentHashMap<>();
    private volatile Instant lastReset = Instant.EPOCH;
    private final int maxOrders;
    private final Duration clockMargin;
    private final Clock clock;

    @Autowired
    public WrittenVersions(@Value("${storelink.writer.version-cache.max-orders}") int maxOrders,
            @Value("${storelink.writer.version-cache.clock-margin}") Duration clockMargin) {
        this(maxOrders, clockMargin, Clock.systemUTC());
    }

    WrittenVersions(int maxOrders, Duration clockMargin, Clock clock) {
        this.maxOrders = maxOrders;
        this.clockMargin = clockMargin;
        this.clock = clock;
    }

    /** The partition was (re)assigned to this instance: whatever was known may have changed elsewhere. */
    public void assigned(int partition) {
        reset(partition);
    }

    /** Called for each record, in offset order: a record that does not follow the last one resets the partition. */
    public void consumed(int partition, long offset) {
        PartitionVersions p = partitions.get(partition);
        if (p == null || !p.follows(offset)) {
            p = reset(partition);
        }
        p.nextOffset = offset + 1;
    }

    /** When a partition was last reset (assigned, or its offsets jumped): what was learnt before is gone. */
    public Instant lastReset() {
        return lastReset;
    }

    private PartitionVersions reset(int partition) {
        Instant now = clock.instant();
        PartitionVersions p = new PartitionVersions(now);
        partitions.put(partition, p);
        lastReset = now;
        return p;
    }

    /** What Salesforce has for the order, when it can be known without asking it. */
    public Optional<Known> known(int partition, Subject subject, Instant createdAt) {
        PartitionVersions p = partitions.get(partition);
        return p == null ? Optional.empty() : p.known(subject, createdAt, clockMargin);
    }

    /** Salesforce accepted this version, or answered it (null version: no Opportunity). */
    public void learnt(int partition, Subject subject, Instant createdAt, Known known) {
        PartitionVersions p = partitions.get(partition);
        if (p != null) {
            p.put(subject, createdAt, known);
        }
    }

    /** A write whose outcome is not known (failed, dead-lettered): the order must be read next time. */
    public void forget(int partition, Subject subject, Instant createdAt) {
        PartitionVersions p = partitions.get(partition);
        if (p != null) {
            p.forget(subject, createdAt);
        }
    }

    public static Known absent() {
        return ABSENT;
    }

    /** One partition's knowledge. Only its consumer thread writes it; the lock covers the assignment callbacks. */
    private final class PartitionVersions {

        private record Entry(Known known, Instant createdAt) {
        }

        private Instant horizon;
        private long nextOffset = -1;
        private final LinkedHashMap<Subject, Entry> orders = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Subject, Entry> eldest) {
                if (size() <= maxOrders) {
                    return false;
                }
                raiseHorizon(eldest.getValue().createdAt());
                return true;
            }
        };

        PartitionVersions(Instant horizon) {
            this.horizon = horizon;
        }

        synchronized boolean follows(long offset) {
            return nextOffset < 0 || offset == nextOffset;
        }

        synchronized Optional<Known> known(Subject subject, Instant createdAt, Duration margin) {
            Entry e = orders.get(subject);
            if (e != null) {
                return Optional.of(e.known());
            }
            if (createdAt != null && createdAt.isAfter(horizon.plus(margin))) {
                return Optional.of(ABSENT);
            }
            return Optional.empty();
        }

        synchronized void put(Subject subject, Instant createdAt, Known known) {
            orders.put(subject, new Entry(known, createdAt));
        }

        synchronized void forget(Subject subject, Instant createdAt) {
            orders.remove(subject);
            raiseHorizon(createdAt);
        }

        private void raiseHorizon(Instant createdAt) {
            if (createdAt != null && createdAt.isAfter(horizon)) {
                horizon = createdAt;
            }
        }
    }
}

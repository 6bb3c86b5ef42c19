package io.storelink.orders;

import io.storelink.orders.WrittenVersions.Known;
import io.storelink.orders.WrittenVersions.Version;
import io.storelink.lineitems.LineItems;
import io.storelink.lineitems.LineItemsRun;
import io.storelink.shopify.admin.Batches;
import org.apache.camel.component.salesforce.api.SalesforceException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The plan and progress of one batch of records of the orders topic: which orders and customers need their version
 * read from Salesforce, which are written, in which calls, and what became of each record. Only the newest event of
 * each order (or customer) in the batch is written; the older ones are skipped, as the version guard would skip them.
 */
final class OrderBatch {

    enum Kind { READ, WRITE, LINES }

    /**
     * The call in progress; a retry sends what is still pending of it. An order whose Opportunity is written and
     * whose lines are due is no longer pending for its write call, only for its lines call ({@code lines}: the run).
     */
    record Call(Kind kind, List<BatchRecord> records, LineItemsRun lines) {
        Call(Kind kind, List<BatchRecord> records) {
            this(kind, records, null);
        }

        List<BatchRecord> pending() {
            return records.stream().filter(r -> r.pending() && (kind == Kind.LINES || !r.linesDue)).toList();
        }
    }

    final List<BatchRecord> records;
    private final WrittenVersions versions;
    private final List<BatchRecord> newest = new ArrayList<>();
    private final Deque<List<BatchRecord>> reads = new ArrayDeque<>();
    private Deque<List<BatchRecord>> writes;
    private final LineItems lineItems;
    private final Deque<Call> lines = new ArrayDeque<>();
    private Call current;
    private boolean gaveUp;
    int versionReads;

    OrderBatch(List<BatchRecord> records, WrittenVersions versions, Function<BatchRecord, RecordUpserts> mapping) {
        this(records, versions, mapping, LineItems.off());
    }

    OrderBatch(List<BatchRecord> records, WrittenVersions versions, Function<BatchRecord, RecordUpserts> mapping,
            LineItems lineItems) {
        this.records = records;
        this.lineItems = lineItems;
        this.versions = versions;
        Map<Subject, BatchRecord> latest = new LinkedHashMap<>();
        for (BatchRecord r : records) {
            versions.consumed(r.partition, r.offset);
            if (r.pending()) {
                latest.merge(r.subject(), r, OrderBatch::newer);
            }
        }
        List<BatchRecord> unknown = new ArrayList<>();
        for (BatchRecord r : records) {
            if (!r.pending()) {
                continue;
            }
            if (latest.get(r.subject()) != r) {
                r.skipped("a newer event of this " + r.subject().kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " came in the same batch");
                continue;
            }
            r.holdPayload(); // the mapping and the line items read the tree: once, and for this record only
            try {
                try {
                    r.mapped = mapping.apply(r);
                } catch (RuntimeException e) {
                    r.refused(e);
                    continue;
                }
                r.syncLines = r.order != null && lineItems.syncs(r.order, r.payload(), versions.lastReset()); // orders only
            } finally {
                r.dropPayload();
            }
            newest.add(r);
            // a deletion mark must find the Contact: whether it exists is read, never inferred (orders create Contacts)
            Optional<Known> known = r.deletion ? Optional.empty() : versions.known(r.partition, r.subject(), r.createdAt());
            if (known.isPresent()) {
                decide(r, known.get());
            } else {
                unknown.add(r);
            }
        }
        // each query reads one kind (orders: Opportunities, customers: Contacts), a call carries up to 5 queries
        List<List<BatchRecord>> queries = new ArrayList<>();
        for (Subject.Kind kind : Subject.Kind.values()) {
            new Batches<>(unknown.stream().filter(r -> r.subject().kind() == kind).iterator(), BatchCalls.IDS_PER_QUERY)
                    .forEachRemaining(queries::add);
        }
        new Batches<>(queries.iterator(), BatchCalls.QUERIES_PER_CALL)
                .forEachRemaining(call -> reads.add(call.stream().flatMap(List::stream).toList()));
    }

    /** The later in Shopify's version (updated_at), or the later in the partition when equal or unknown. */
    private static BatchRecord newer(BatchRecord a, BatchRecord b) {
        Comparator<Instant> byTime = Comparator.nullsFirst(Comparator.naturalOrder());
        return byTime.compare(b.version(), a.version()) >= 0 ? b : a;
    }

    boolean hasCalls() {
        if (gaveUp) {
            return false;
        }
        if (current != null) {
            return true;
        }
        if (!reads.isEmpty() || !lines.isEmpty()) {
            return true;
        }
        planWrites();
        return !writes.isEmpty();
    }

    Call current() {
        if (current == null) {
            if (!reads.isEmpty()) {
                current = new Call(Kind.READ, reads.poll());
                versionReads++;
            } else if (!lines.isEmpty()) {
                current = lines.poll();
            } else {
                planWrites();
                current = new Call(Kind.WRITE, writes.poll());
            }
        }
        return current;
    }

    /** The versions Salesforce answered for the current read call. */
    void versionsRead(Map<Subject, Optional<Instant>> found) {
        for (BatchRecord r : current.records()) {
            Optional<Instant> version = found.get(r.subject());
            @SuppressWarnings("OptionalAssignedToNull")
            Known known = version == null ? WrittenVersions.absent() : new Version(version.orElse(null));
            versions.learnt(r.partition, r.subject(), r.createdAt(), known);
            decide(r, known);
        }
        current = null;
    }

    /**
     * The current write call is answered. Returns the first failure that may pass (its orders stay pending and the
     * call is retried with them), or empty when every order of the call is done.
     */
    Optional<SalesforceException> written(List<BatchCalls.Saved> saved, List<BatchRecord> sent, Predicate<SalesforceException> isFinal) {
        SalesforceException retry = null;
        for (int i = 0; i < sent.size(); i++) {
            BatchRecord r = sent.get(i);
            BatchCalls.Saved s = saved.get(i);
            if (s.success() && r.syncLines) {
                r.linesDue = true; // written once its lines are
            } else if (s.success()) {
                settleWritten(r);
            } else if (isFinal.test(s.failure())) {
                r.refused(s.failure());
                versions.forget(r.partition, r.subject(), r.createdAt());
            } else if (retry == null) {
                retry = s.failure();
            }
        }
        if (retry == null) {
            planLines(current.records());
            current = null;
        }
        return Optional.ofNullable(retry);
    }

    private void settleWritten(BatchRecord r) {
        if (r.linesDue) {
            lineItems.written(r.order, r.payload());
        }
        r.written();
        versions.learnt(r.partition, r.subject(), r.createdAt(), new Version(r.version()));
    }

    /** An order's key in the lines calls: its id, the Opportunity's external id. */
    static String lineKey(BatchRecord r) {
        return Long.toString(r.order.id());
    }

    private void forgetLines(BatchRecord r) {
        if (r.order != null) {
            lineItems.forget(r.order.id());
        }
    }

    /** Line items hook: the lines calls of the orders a write call wrote, next in line after it. */
    private void planLines(List<BatchRecord> written) {
        Map<String, BatchRecord> due = new LinkedHashMap<>();
        written.stream().filter(r -> r.pending() && r.linesDue).forEach(r -> due.put(lineKey(r), r));
        if (due.isEmpty()) {
            return;
        }
        LineItems.Plan plan = lineItems.plan(due.values().stream()
                .map(r -> new LineItems.Order(r.order, r.payload(), r.mapped.opportunity())).toList());
        plan.unmapped().forEach((key, e) -> {
            due.get(key).refused(e);
            versions.forget(due.get(key).partition, due.get(key).subject(), due.get(key).createdAt());
        });
        for (LineItemsRun run : plan.runs()) {
            lines.add(new Call(Kind.LINES, run.orderKeys().stream().map(due::get).toList(), run));
        }
    }

    /**
     * The current lines call answered one composite: orders refused for good are refused, the first failure that may
     * pass is returned (the run starts again), an order whose lines are all written is written.
     */
    Optional<SalesforceException> linesAnswered(LineItemsRun.Answer answer, Predicate<SalesforceException> isFinal) {
        SalesforceException retry = null;
        for (BatchRecord r : current.pending()) {
            SalesforceException failure = answer.failures().get(lineKey(r));
            if (failure != null && isFinal.test(failure)) {
                r.refused(failure);
                versions.forget(r.partition, r.subject(), r.createdAt());
                forgetLines(r);
            } else if (failure != null && retry == null) {
                retry = failure;
            }
        }
        if (retry != null) {
            current.lines().restart();
            return Optional.of(retry);
        }
        for (BatchRecord r : current.pending()) {
            if (answer.finished().contains(lineKey(r))) {
                settleWritten(r);
            }
        }
        if (!answer.more()) {
            current = null;
        }
        return Optional.empty();
    }

    /**
     * The current call cannot succeed (validation of the whole call, or retries exhausted): its pending orders are
     * refused with the failure, and the batch makes no more calls, so that it holds its consumer no longer than one
     * call's retries (Kafka's max.poll.interval).
     */
    void refuseCurrent(Exception failure) {
        gaveUp = true; // Salesforce is unlikely to take the next call either: the rest waits in Kafka
        if (current != null) {
            for (BatchRecord r : current.pending()) {
                r.refused(failure);
                versions.forget(r.partition, r.subject(), r.createdAt());
                forgetLines(r);
            }
            current = null;
        }
    }

    /**
     * Written unless Salesforce has a newer version, or the same one. A replayed dead letter is written at the same
     * version too: its write may have been partly refused (a line item) after its version was stamped, and an operator
     * replays it to finish it; only a newer version skips it (an older event still never wins).
     */
    private void decide(BatchRecord r, Known known) {
        if (r.deletion && !(known instanceof Version)) {
            r.skipped("no Contact for this customer in Salesforce: nothing to mark");
        } else if (known instanceof Version v && v.updatedAt() != null && r.version() != null
                && (r.replay ? v.updatedAt().isAfter(r.version()) : !v.updatedAt().isBefore(r.version()))) {
            r.skipped(r.replay ? "Salesforce already has a newer version" : "Salesforce already has this or a newer version");
        } else {
            r.toWrite = true;
        }
    }

    /** Once every read is answered: the orders to write, in record order, ORDERS_PER_WRITE per call. */
    private void planWrites() {
        if (writes != null) {
            return;
        }
        writes = new ArrayDeque<>();
        new Batches<>(newest.stream().filter(r -> r.pending() && r.toWrite).iterator(), BatchCalls.ORDERS_PER_WRITE)
                .forEachRemaining(writes::add);
    }
}

package io.storelink.backfill.run;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What a backfill has done so far, for the operator: its stage, orders read from Shopify (and skipped because
 * Salesforce has them as new or newer), rows uploaded, processed and refused by Salesforce, with a rate and an ETA.
 * The counts are Micrometer gauges ({@code storelink.backfill.orders}, {@code storelink.backfill.rows},
 * {@code storelink.backfill.running}); the same numbers are the admin endpoint's and the health details'.
 */
@Component
public class BackfillProgress {

    private final AtomicLong ordersRead = new AtomicLong();
    private final AtomicLong ordersSkipped = new AtomicLong();
    private final AtomicLong ordersTotal = new AtomicLong(-1);
    private final AtomicLong rowsTotal = new AtomicLong();
    private final AtomicLong rowsUploaded = new AtomicLong();
    private final AtomicLong rowsProcessed = new AtomicLong(); // by jobs that finished
    private final AtomicLong rowsInJob = new AtomicLong();     // by the job Salesforce is processing, as last read
    private final AtomicLong rowsRefused = new AtomicLong();
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile String stage = "idle";
    private volatile Instant startedAt;
    private volatile Instant stageStartedAt;
    private volatile long stageStartCount;

    public BackfillProgress(MeterRegistry meters) {
        Gauge.builder("storelink.backfill.running", () -> running ? 1 : 0)
                .description("1 while a backfill runs in this instance").register(meters);
        gauge(meters, "storelink.backfill.orders", "read", ordersRead, "Orders the backfill read from Shopify");
        gauge(meters, "storelink.backfill.orders", "skipped", ordersSkipped, "Orders Salesforce already had as new or newer");
        gauge(meters, "storelink.backfill.rows", "uploaded", rowsUploaded, "Rows uploaded to Bulk API 2.0 jobs");
        Gauge.builder("storelink.backfill.rows", () -> rowsProcessed.get() + rowsInJob.get()).tag("state", "processed")
                .description("Rows Salesforce processed").register(meters);
        gauge(meters, "storelink.backfill.rows", "refused", rowsRefused, "Rows Salesforce refused (dead-lettered)");
    }

    private static void gauge(MeterRegistry meters, String name, String state, AtomicLong value, String description) {
        Gauge.builder(name, value, AtomicLong::get).tag("state", state).description(description).register(meters);
    }

    void started() {
        for (AtomicLong a : new AtomicLong[] {ordersRead, ordersSkipped, rowsTotal, rowsUploaded, rowsProcessed, rowsInJob, rowsRefused}) {
            a.set(0);
        }
        ordersTotal.set(-1);
        startedAt = Instant.now();
        running = true;
        stage("starting");
    }

    void ended(String outcome) {
        running = false;
        stage(outcome);
    }

    public void stage(String name) {
        stage = name;
        stageStartedAt = Instant.now();
        stageStartCount = stage.startsWith("reading") ? ordersRead.get() : rowsProcessed.get() + rowsInJob.get();
    }

    /** One more order read; throws {@link BackfillStoppedException} once an operator asked the run to stop. */
    public void orderRead() {
        checkStop();
        ordersRead.incrementAndGet();
    }

    public long ordersRead() {
        return ordersRead.get();
    }

    void stopRequested(boolean stop) {
        stopRequested = stop;
    }

    /** Every step of a run calls this between its units of work: a stop takes effect there. */
    public void checkStop() {
        if (stopRequested) {
            throw new BackfillStoppedException();
        }
    }

    public void orderSkipped() {
        ordersSkipped.incrementAndGet();
    }

    /** The bulk operation finished: how many orders its file holds (the reading stage's ETA). */
    public void ordersInFile(long orders) {
        ordersTotal.set(orders);
    }

    public void rowsExported(long rows) {
        rowsTotal.addAndGet(rows);
    }

    public void jobUploaded(long rows) {
        rowsUploaded.addAndGet(rows);
        rowsInJob.set(0);
    }

    /** The job Salesforce is processing, as last read. */
    public void jobProcessing(long processed) {
        rowsInJob.set(processed);
    }

    public void jobDone(long processed, long refused) {
        rowsInJob.set(0);
        rowsProcessed.addAndGet(processed);
        rowsRefused.addAndGet(refused);
    }

    public boolean running() {
        return running;
    }

    /** The log line: stage, counts, rate of the stage, ETA where it can be told. */
    public String line() {
        long processed = rowsProcessed.get() + rowsInJob.get();
        StringBuilder s = new StringBuilder("Backfill ").append(stage).append(": ")
                .append(ordersRead.get()).append(ordersTotal.get() >= 0 ? " of " + ordersTotal.get() : "").append(" orders read, ")
                .append(ordersSkipped.get()).append(" skipped (Salesforce as new or newer), ")
                .append(rowsUploaded.get()).append(" rows uploaded, ").append(processed)
                .append(rowsTotal.get() > 0 ? " of " + rowsTotal.get() : "").append(" processed, ")
                .append(rowsRefused.get()).append(" refused");
        double rate = rate();
        if (rate > 0) {
            s.append(String.format(", %.0f %s/s", rate, stage.startsWith("reading") ? "orders" : "rows"));
            long left = stage.startsWith("reading") ? ordersTotal.get() - ordersRead.get() : rowsTotal.get() - processed;
            if (left > 0 && (!stage.startsWith("reading") || ordersTotal.get() >= 0)) {
                s.append(", ETA ").append(Duration.ofSeconds((long) Math.ceil(left / rate)).toString().substring(2).toLowerCase());
            }
        }
        return s.toString();
    }

    private double rate() {
        Instant since = stageStartedAt;
        if (since == null) {
            return 0;
        }
        long now = stage.startsWith("reading") ? ordersRead.get() : rowsProcessed.get() + rowsInJob.get();
        double seconds = Duration.between(since, Instant.now()).toMillis() / 1000.0;
        return seconds < 1 ? 0 : (now - stageStartCount) / seconds;
    }

    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("running", running);
        d.put("stage", stage);
        d.put("startedAt", startedAt == null ? null : startedAt.toString());
        d.put("ordersRead", ordersRead.get());
        d.put("ordersInFile", ordersTotal.get() < 0 ? null : ordersTotal.get());
        d.put("ordersSkipped", ordersSkipped.get());
        d.put("rowsExported", rowsTotal.get());
        d.put("rowsUploaded", rowsUploaded.get());
        d.put("rowsProcessed", rowsProcessed.get() + rowsInJob.get());
        d.put("rowsRefused", rowsRefused.get());
        return d;
    }
}

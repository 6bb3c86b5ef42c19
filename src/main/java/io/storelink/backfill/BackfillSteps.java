package io.storelink.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.storelink.backfill.run.BackfillCheckpoint;
import io.storelink.backfill.run.BackfillCheckpoint.JobState;
import io.storelink.backfill.run.BackfillProgress;
import io.storelink.backfill.run.BackfillRun;
import io.storelink.backfill.salesforce.IngestJobs;
import io.storelink.backfill.salesforce.KnownVersions;
import io.storelink.backfill.shopify.BackfillShopifySettings;
import io.storelink.backfill.shopify.BulkOperation;
import io.storelink.backfill.shopify.BulkOrdersQuery;
import io.storelink.backfill.shopify.BulkQueryRunner;
import io.storelink.backfill.shopify.HistoryScope;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The backfill route's steps (routes/backfill.camel.yaml): the Shopify bulk operation (the checkpoint's, on resume,
 * while Shopify still has its result), the export into a working directory of its own, each table part handed to its
 * ingest job unless the checkpoint says Salesforce has it already, the checkpoint moved on at every job's step, and
 * the directory removed at the end, whatever happened.
 */
@Component("backfillSteps")
public class BackfillSteps {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillSteps.class);

    /** Headers of a backfill request: orders created from (inclusive) and until (exclusive; none = now). */
    public static final String SINCE = "backfillSince";
    public static final String UNTIL = "backfillUntil";
    /** Exchange properties: the working directory and the table files in job order. */
    public static final String DIR = "backfillDir";
    public static final String FILES = "backfillFiles";
    /** Exchange property: the run's orders (OrderArchive), for the rows Salesforce refuses. */
    public static final String ORDERS = "backfillOrders";
    /** Exchange property: the COMPLETED Shopify bulk operation the export reads. */
    public static final String OPERATION = "backfillOperation";
    /** Job route properties: the part's name in the checkpoint, and a job Salesforce already has for it. */
    public static final String PART = "backfillPart";
    public static final String SUBMITTED_JOB = "backfillSubmittedJob";
    public static final String ORPHANED_JOB = "backfillOrphanedJob";
    public static final String ROWS = "backfillRows";

    private final HistoryExport export;
    private final BulkQueryRunner shopify;
    private final BackfillShopifySettings shopifySettings;
    private final BackfillRun run;
    private final BackfillProgress progress;
    private final IngestJobs jobs;
    private final HistoryScope scope;
    private final BackfillLines lines;

    public BackfillSteps(HistoryExport export, BulkQueryRunner shopify, BackfillShopifySettings shopifySettings,
            @Lazy BackfillRun run, BackfillProgress progress, IngestJobs jobs, HistoryScope scope, BackfillLines lines) {
        this.scope = scope;
        this.lines = lines;
        this.export = export;
        this.shopify = shopify;
        this.shopifySettings = shopifySettings;
        this.run = run;
        this.progress = progress;
        this.jobs = jobs;
    }

    /** The run's checkpoint; a run started straight at direct:backfill (tests) gets one that is not kept. */
    private BackfillCheckpoint checkpoint(Exchange exchange) {
        BackfillCheckpoint c = run.checkpoint();
        if (c == null || !c.since().toString().equals(exchange.getMessage().getHeader(SINCE, String.class))) {
            throw new IllegalStateException("a backfill runs through route " + BackfillRun.ROUTE_ID);
        }
        return c;
    }

    /**
     * The Shopify bulk operation of the run, COMPLETED: the checkpoint's if Shopify still has it (running or with its
     * result), else a new one, named in the checkpoint before it is waited for.
     */
    public void operation(Exchange exchange) throws InterruptedException {
        BackfillCheckpoint c = checkpoint(exchange);
        String id = c.operationId();
        if (id != null) {
            BulkOperation known = shopify.poll(id);
            if (known.finished() && !known.completed()) {
                LOG.warn("Shopify bulk operation {} of the run is {} ({}): starting another", id, known.status(), known.errorCode());
                id = null;
            } else {
                LOG.info("Shopify bulk operation {} of the run is {}: reading its result again", id, known.status());
            }
        }
        if (id == null) {
            progress.stage("Shopify bulk query");
            Instant since = Instant.parse(exchange.getMessage().getHeader(SINCE, String.class));
            scope.requireOrdersSince(since);
            String until = exchange.getMessage().getHeader(UNTIL, String.class);
            id = shopify.start(BulkOrdersQuery.of(since, until == null ? null : Instant.parse(until),
                    shopifySettings.lineItems() || lines.enabled(), lines.enabled())).id();
            run.update(c.withOperation(id));
        }
        exchange.setProperty(OPERATION, shopify.awaitCompleted(id, progress::checkStop));
    }

    public void export(Exchange exchange) throws Exception {
        Path dir = Files.createTempDirectory("storelink-backfill");
        exchange.setProperty(DIR, dir);
        progress.stage("reading orders");
        HistoryExport.Export done = export.export(exchange.getProperty(OPERATION, BulkOperation.class), dir,
                exchange.getProperty(KnownVersions.PROPERTY, KnownVersions.class)); // route backfill-versions
        exchange.setProperty(FILES, done.files());
        exchange.setProperty(ORDERS, done.orders());
        done.files().forEach(f -> progress.rowsExported(f.rows()));
        BackfillCheckpoint c = checkpoint(exchange);
        run.update(c.withStage(BackfillCheckpoint.Stage.EXPORTED, progress.ordersRead(), null));
    }

    /** Whether the part needs its job: it has rows, the run writes, and Salesforce has not done it already. */
    public boolean needsJob(Exchange exchange) {
        HistoryExport.TableFile file = exchange.getMessage().getBody(HistoryExport.TableFile.class);
        if (file.rows() == 0 || Boolean.TRUE.equals(exchange.getProperty(BackfillRun.DRY_RUN, Boolean.class))) {
            return false;
        }
        Optional<BackfillCheckpoint.Job> done = checkpoint(exchange).job(part(exchange)).filter(j -> j.state() == JobState.DONE);
        done.ifPresent(j -> {
            LOG.info("Bulk API 2.0 job {} ({}) finished before the restart: {} row(s) processed, {} refused; not uploaded again",
                    j.jobId(), j.part(), j.processed(), j.refused());
            progress.jobDone(j.processed(), 0); // its refused rows were dead-lettered then
        });
        return done.isEmpty();
    }

    /** A table part becomes its ingest job's input; a job of the part that Salesforce has already is named. */
    public void job(Exchange exchange) {
        HistoryExport.TableFile file = exchange.getMessage().getBody(HistoryExport.TableFile.class);
        String part = part(exchange);
        exchange.setProperty(PART, part);
        exchange.setProperty(ROWS, file.rows());
        exchange.setProperty(IngestJobs.OBJECT, file.object());
        exchange.setProperty(IngestJobs.EXTERNAL_ID, file.externalId());
        exchange.setProperty(IngestJobs.INSERT, file.insert());
        exchange.setProperty(IngestJobs.CSV, file.csv());
        checkpoint(exchange).job(part).ifPresent(j -> exchange.setProperty(
                j.state() == JobState.SUBMITTED ? SUBMITTED_JOB : ORPHANED_JOB, j.jobId()));
        progress.stage("Salesforce job " + part);
        progress.checkStop();
    }

    /**
     * The part's name in the checkpoint: its table's name (the object's, but for the two price books' entries) and its
     * place among the table's parts ({@code Account#0}, {@code PricebookEntry-standard#0}).
     */
    private static String part(Exchange exchange) {
        HistoryExport.TableFile file = exchange.getMessage().getBody(HistoryExport.TableFile.class);
        @SuppressWarnings("unchecked")
        List<HistoryExport.TableFile> files = exchange.getProperty(FILES, List.class);
        int index = files.indexOf(file);
        long before = files.subList(0, Math.max(index, 0)).stream().filter(f -> f.name().equals(file.name())).count();
        return file.name() + "#" + before;
    }

    /** The job exists (body: the Job): kept as OPEN, so that a crash before its upload is closed aborts it on resume. */
    public void created(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        saveJob(exchange, job.getId(), JobState.OPEN, 0, 0);
    }

    /** Uploaded and closed: Salesforce has the rows; a resume only waits for this job. */
    public void submitted(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID, String.class);
        saveJob(exchange, jobId, JobState.SUBMITTED, 0, 0);
        progress.jobUploaded(exchange.getProperty(ROWS, 0L, Long.class));
    }

    /**
     * A job created before a restart, as Salesforce has it now: still Open, it stays orphaned (aborted and made again);
     * closed already (the crash came between the close and its checkpoint), it is the part's submitted job; failed or
     * aborted, it is made again.
     */
    public void orphanRead(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        JobStateEnum state = job == null ? null : job.getState();
        if (state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED) { // nothing to wait for or abort: made again
            exchange.removeProperty(ORPHANED_JOB);
        } else if (state != null && state != JobStateEnum.OPEN) {
            LOG.info("Bulk API 2.0 job {} ({}) was closed before the restart ({}): waiting for it, not uploading again",
                    job.getId(), exchange.getProperty(PART), job.getState());
            exchange.setProperty(SUBMITTED_JOB, exchange.removeProperty(ORPHANED_JOB));
            saveJob(exchange, job.getId(), JobState.SUBMITTED, 0, 0);
        }
    }

    /** While Salesforce works on the job: its progress shown, a stop taking effect (the job goes on; resume waits for it). */
    public boolean working(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        if (job != null && job.getNumberRecordsProcessed() != null) {
            progress.jobProcessing(job.getNumberRecordsProcessed());
        }
        boolean working = jobs.working(exchange);
        if (working) {
            progress.checkStop();
        }
        return working;
    }

    /** Salesforce ended the job as a whole: the part leaves the checkpoint, so that a resume makes its job again. */
    public void jobFailed(Exchange exchange) {
        BackfillCheckpoint c = run.checkpoint();
        run.update(c.withoutJob(exchange.getProperty(PART, String.class)));
    }

    /** The job finished and its refused rows are dead letters: the part is done. */
    public void jobDone(Exchange exchange) {
        long processed = exchange.getProperty(IngestJobs.PROCESSED, 0L, Long.class);
        long refused = exchange.getProperty(IngestJobs.FAILED, 0L, Long.class);
        saveJob(exchange, exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID, String.class), JobState.DONE,
                processed, refused);
        progress.jobDone(processed, refused);
    }

    private void saveJob(Exchange exchange, String jobId, JobState state, long processed, long refused) {
        BackfillCheckpoint c = run.checkpoint();
        run.update(c.withJob(new BackfillCheckpoint.Job(exchange.getProperty(PART, String.class), jobId, state, processed, refused)));
    }

    public void cleanUp(Exchange exchange) throws IOException {
        OrderArchive orders = exchange.getProperty(ORDERS, OrderArchive.class);
        if (orders != null) {
            orders.close();
        }
        Path dir = exchange.getProperty(DIR, Path.class);
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The files' row counts for the closing log line. */
    public String summary(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HistoryExport.TableFile> files = exchange.getProperty(FILES, List.class);
        String rows = files == null ? "nothing exported" : String.join(", ", files.stream().map(f -> f.rows() + " " + f.name()).toList());
        return progress.ordersRead() + " orders read; " + rows
                + (Boolean.TRUE.equals(exchange.getProperty(BackfillRun.DRY_RUN, Boolean.class)) ? " (dry run: nothing written)" : "");
    }
}

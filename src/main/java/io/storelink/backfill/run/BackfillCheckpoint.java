package io.storelink.backfill.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's progress as it is kept on the checkpoint topic (JSON under one key): its range, the Shopify bulk operation
 * whose result it reads, how many orders it read, and each Salesforce ingest job by the table part it uploads. What
 * Salesforce accepted is never uploaded again: a part whose job was {@code SUBMITTED} (uploaded and closed) is only
 * waited for on resume, a {@code DONE} one is skipped; an {@code OPEN} one (created, the crash before its upload was
 * closed) is aborted and made again.
 */
public record BackfillCheckpoint(String runId, Instant since, Instant until, boolean dryRun, String operationId,
        Stage stage, long ordersRead, List<Job> jobs, String error, Instant updatedAt) {

    public enum Stage { STARTED, EXPORTED, DONE, FAILED, STOPPED }

    public enum JobState { OPEN, SUBMITTED, DONE }

    /** One ingest job: the table part it uploads ({@code Account#0}), Salesforce's job id, how far it got. */
    public record Job(String part, String jobId, JobState state, long processed, long refused) {
    }

    public BackfillCheckpoint {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    public static BackfillCheckpoint start(String runId, BackfillRequest request) {
        return new BackfillCheckpoint(runId, request.since(), request.until(), request.dryRun(), null, Stage.STARTED, 0,
                List.of(), null, Instant.now());
    }

    /** Whether {@code --resume} has something to continue. */
    public boolean unfinished() {
        return stage != Stage.DONE && !dryRun;
    }

    public Optional<Job> job(String part) {
        return jobs.stream().filter(j -> j.part().equals(part)).findFirst();
    }

    public BackfillCheckpoint withOperation(String id) {
        return new BackfillCheckpoint(runId, since, until, dryRun, id, stage, ordersRead, jobs, error, Instant.now());
    }

    public BackfillCheckpoint withStage(Stage next, long orders, String failure) {
        return new BackfillCheckpoint(runId, since, until, dryRun, operationId, next, orders, jobs, failure, Instant.now());
    }

    public BackfillCheckpoint withoutJob(String part) {
        return new BackfillCheckpoint(runId, since, until, dryRun, operationId, stage, ordersRead,
                jobs.stream().filter(j -> !j.part().equals(part)).toList(), error, Instant.now());
    }

    public BackfillCheckpoint withJob(Job job) {
        List<Job> next = new ArrayList<>(jobs.stream().filter(j -> !j.part().equals(job.part())).toList());
        next.add(job);
        return new BackfillCheckpoint(runId, since, until, dryRun, operationId, stage, ordersRead, next, error, Instant.now());
    }
}

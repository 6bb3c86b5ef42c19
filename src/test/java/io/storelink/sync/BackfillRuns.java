package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.storelink.backfill.run.BackfillRequest;
import io.storelink.backfill.run.BackfillRun;

/** A backfill through route backfill-run, as the command and the admin endpoint start it, for the backfill ITs. */
final class BackfillRuns {

    private BackfillRuns() {
    }

    static BackfillRun.Outcome backfill(BackfillRun run, Instant since, String until, boolean dryRun) throws Exception {
        return backfill(run, new BackfillRequest(since, until == null ? null : Instant.parse(until), dryRun, false));
    }

    static BackfillRun.Outcome backfill(BackfillRun run, BackfillRequest request) throws Exception {
        startWhenIdle(run, request);
        return run.await(Duration.ofMinutes(2));
    }

    static void startWhenIdle(BackfillRun run, BackfillRequest request) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !run.isRunning()); // the last run's route stops after it
        assertThat(run.start(request)).isTrue();
    }
}

package io.storelink.backfill.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.storelink.backfill.BackfillSteps;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One backfill at a time, as the route {@code backfill-run} runs it (routes/backfill.camel.yaml): what was asked for
 * (the command, {@code POST /admin/backfill}, or Hawtio's Start, which resumes an unfinished run or takes
 * {@code storelink.backfill.since}), its checkpoint, kept on the checkpoint topic at every step, its progress logged
 * every {@code storelink.backfill.progress-interval}, and its end: the route stops itself, so that it leaves the
 * leader election ({@code master:storelink-backfill}) and the next Start runs again.
 */
@Component("backfillRun")
public class BackfillRun extends RoutePolicySupport {

    public static final String ROUTE_ID = "backfill-run";
    /** Exchange property: the run is a dry run (count, write nothing). */
    public static final String DRY_RUN = "backfillDryRun";

    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);

    /** How a run ended, for the command's exit status and the admin endpoint. */
    public record Outcome(boolean succeeded, String summary) {
    }

    private final CamelContext camel;
    private final BackfillCheckpoints checkpoints;
    private final BackfillProgress progress;
    private final String configuredSince;
    private final Duration progressInterval;
    private final ExecutorService routeControl;
    private final ScheduledExecutorService ticker;
    private final AtomicReference<BackfillRequest> requested = new AtomicReference<>();
    private volatile BackfillCheckpoint checkpoint;
    private volatile CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile Outcome last;
    private volatile boolean stopRequested;
    private volatile ScheduledFuture<?> tick;

    public BackfillRun(CamelContext camel, BackfillCheckpoints checkpoints, BackfillProgress progress,
            @Value("${storelink.backfill.since}") String configuredSince,
            @Value("${storelink.backfill.progress-interval}") Duration progressInterval) {
        this.camel = camel;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.configuredSince = configuredSince;
        this.progressInterval = progressInterval;
        this.routeControl = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "backfill-control");
        this.ticker = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "backfill-progress");
    }

    // ---- control: the command, the admin endpoint, Hawtio (start and stop the route)

    public boolean isRunning() {
        var status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        return status != null && status.isStarted();
    }

    /** Starts a run of {@code request}; false when one is running or waiting for its turn here already. */
    public synchronized boolean start(BackfillRequest request) throws Exception {
        if (isRunning()) {
            return false;
        }
        requested.set(request);
        outcome = new CompletableFuture<>();
        camel.getRouteController().startRoute(ROUTE_ID);
        return true;
    }

    /** Asks the run to stop at its next step; the checkpoint stays for a resume. */
    public void stop() {
        stopRequested = true;
        progress.stopRequested(true);
        release();
    }

    /** The end of the run started last (the command waits for it). */
    public Outcome await(Duration timeout) throws Exception {
        return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onStart(Route route) {
        if (outcome.isDone()) { // started from Hawtio (JMX), not through start(): a new run to wait for
            outcome = new CompletableFuture<>();
        }
        stopRequested = false;
        progress.stopRequested(false);
        progress.stage("waiting for its turn (one backfill at a time across replicas: master:storelink-backfill)");
        LOG.info("Backfill requested: it starts once this instance leads storelink-backfill (at once, unless another "
                + "instance runs a backfill)");
    }

    @Override
    public void onStop(Route route) {
        requested.set(null);
        if (!outcome.isDone()) { // stopped before its turn came, or stopped from Hawtio
            Outcome o = new Outcome(false, stopRequested || last == null ? "stopped" : last.summary());
            outcome.complete(o);
        }
        stopTicking();
    }

    // ---- the run's steps (routes/backfill.camel.yaml, route backfill-run)

    /** The run begins (this instance leads): its range as headers, its checkpoint (new, or the one resumed). */
    public void begin(Exchange exchange) {
        checkpoint = null;
        BackfillRequest request = requested.getAndSet(null);
        if (request == null) { // Hawtio's Start: continue an unfinished run, else the configured range
            Optional<BackfillCheckpoint> unfinished = checkpoints.last().filter(BackfillCheckpoint::unfinished);
            if (unfinished.isPresent()) {
                request = BackfillRequest.resumeLast();
            } else if (!configuredSince.isBlank()) {
                request = new BackfillRequest(BackfillRequest.time(configuredSince, "storelink.backfill.since"), null, false, false);
            } else {
                throw new IllegalStateException("nothing to backfill: no unfinished run to resume and storelink.backfill.since "
                        + "is empty (start it with POST /admin/backfill?since=2023-01-01 or the backfill command)");
            }
        }
        if (request.resume()) {
            checkpoint = checkpoints.last().filter(BackfillCheckpoint::unfinished).orElseThrow(() ->
                    new IllegalStateException("no unfinished backfill to resume (the checkpoint topic has none)"));
            LOG.warn("Backfill {} resumed: orders created from {} until {}, Shopify bulk operation {}, {} Salesforce job(s) known",
                    checkpoint.runId(), checkpoint.since(), until(checkpoint), checkpoint.operationId(), checkpoint.jobs().size());
        } else {
            if (!request.dryRun()) {
                checkpoints.last().filter(BackfillCheckpoint::unfinished).ifPresent(old -> LOG.warn(
                        "Backfill {} was unfinished ({}); the new run replaces its checkpoint", old.runId(), old.stage()));
            }
            checkpoint = BackfillCheckpoint.start(UUID.randomUUID().toString(), request);
            save();
            LOG.warn("Backfill {} started{}: orders created from {} until {}", checkpoint.runId(),
                    request.dryRun() ? " (dry run: counts only, writes nothing)" : "", checkpoint.since(), until(checkpoint));
        }
        exchange.getMessage().setHeader(BackfillSteps.SINCE, checkpoint.since().toString());
        exchange.getMessage().setHeader(BackfillSteps.UNTIL, checkpoint.until() == null ? null : checkpoint.until().toString());
        exchange.setProperty(DRY_RUN, checkpoint.dryRun());
        progress.started();
        tick = ticker.scheduleAtFixedRate(() -> LOG.info(progress.line()), progressInterval.toMillis(),
                progressInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String until(BackfillCheckpoint c) {
        return c.until() == null ? "now" : c.until().toString();
    }

    public void succeeded(Exchange exchange) {
        String summary = exchange.getMessage().getBody(String.class);
        update(checkpoint.withStage(BackfillCheckpoint.Stage.DONE, progress.ordersRead(), null));
        end(new Outcome(true, summary));
        LOG.warn("Backfill {} done: {}", checkpoint.runId(), summary);
    }

    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean stopped = stopRequested || cause instanceof BackfillStoppedException;
        String reason = stopped ? new BackfillStoppedException().getMessage() : String.valueOf(cause == null ? "unknown" : cause.getMessage());
        if (checkpoint != null) {
            update(checkpoint.withStage(stopped ? BackfillCheckpoint.Stage.STOPPED : BackfillCheckpoint.Stage.FAILED,
                    progress.ordersRead(), reason));
        }
        end(new Outcome(false, (stopped ? "stopped: " : "failed: ") + reason));
        if (!stopped) {
            LOG.error("Backfill failed: {}{}", reason, checkpoint == null ? "" : " (resume it with --resume once the cause is fixed)", cause);
        }
    }

    private void end(Outcome o) {
        last = o;
        stopTicking();
        progress.ended(o.succeeded() ? "done" : o.summary());
        LOG.info(progress.line());
        outcome.complete(o);
    }

    /** Stops the route from another thread (stopping waits for the in-flight exchange, possibly the caller's). */
    public void release() {
        routeControl.execute(() -> {
            try {
                camel.getRouteController().stopRoute(ROUTE_ID);
            } catch (Exception e) {
                LOG.warn("Could not stop route {}: {}", ROUTE_ID, e.getMessage());
            }
        });
    }

    private void stopTicking() {
        ScheduledFuture<?> t = tick;
        if (t != null) {
            t.cancel(false);
        }
    }

    // ---- the checkpoint, as the steps move on

    public BackfillCheckpoint checkpoint() {
        return checkpoint;
    }

    public synchronized void update(BackfillCheckpoint next) {
        checkpoint = next;
        save();
    }

    private void save() {
        if (!checkpoint.dryRun()) { // a dry run must not replace an unfinished run's checkpoint
            checkpoints.save(checkpoint);
        }
    }

    /** The state for the admin endpoint and the health details. */
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>(progress.details());
        BackfillCheckpoint c = checkpoint;
        if (c != null) {
            s.put("runId", c.runId());
            s.put("since", c.since().toString());
            s.put("until", c.until() == null ? null : c.until().toString());
            s.put("dryRun", c.dryRun());
            s.put("shopifyBulkOperation", c.operationId());
            s.put("salesforceJobs", c.jobs());
        }
        Outcome o = last;
        if (o != null) {
            s.put("lastOutcome", o.summary());
        }
        return s;
    }
}

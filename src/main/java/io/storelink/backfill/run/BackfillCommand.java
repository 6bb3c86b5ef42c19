package io.storelink.backfill.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import io.storelink.command.StorelinkCommand;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar storelink.jar backfill --since 2023-01-01 [--until 2024-01-01] [--dry-run] | --resume}: one run of
 * route {@code backfill-run} in a process of its own (profile backfill: only the backfill's routes, the leader
 * election), waiting for its turn if another instance runs one, then exits: 0 done, 1 failed or stopped, 2 bad
 * arguments.
 */
@Component
public class BackfillCommand implements StorelinkCommand {

    private final BackfillRun run;

    public BackfillCommand(BackfillRun run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String usage() {
        return "backfill --since 2023-01-01 [--until 2024-01-01] [--dry-run] | backfill --resume";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) {
        BackfillRequest request;
        try {
            request = parse(arguments);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: java -jar storelink.jar " + usage());
            return 2;
        }
        try {
            run.start(request);
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopIfRunning, "backfill-stop")); // Ctrl+C: the checkpoint stays
            BackfillRun.Outcome outcome = run.await(Duration.ofDays(7));
            out.println("Backfill " + (outcome.succeeded() ? "done: " : "") + outcome.summary());
            return outcome.succeeded() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Backfill interrupted; resume it with --resume");
            return 1;
        } catch (Exception e) {
            out.println("Backfill failed: " + e.getMessage());
            return 1;
        }
    }

    private void stopIfRunning() {
        try {
            if (run.isRunning()) {
                run.stop();
            }
        } catch (RuntimeException e) {
            // Camel has stopped already: nothing runs
        }
    }

    static BackfillRequest parse(List<String> arguments) {
        String since = null;
        String until = null;
        boolean dryRun = false;
        boolean resume = false;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            switch (option) {
                case "--since" -> since = value != null ? value : next(arguments, ++i, option);
                case "--until" -> until = value != null ? value : next(arguments, ++i, option);
                case "--dry-run" -> dryRun = true;
                case "--resume" -> resume = true;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (resume && (since != null || until != null || dryRun)) {
            throw new IllegalArgumentException("--resume continues the last run with its own range: no --since, --until or --dry-run");
        }
        return new BackfillRequest(BackfillRequest.time(since, "--since"), BackfillRequest.time(until, "--until"), dryRun, resume);
    }

    private static String next(List<String> arguments, int i, String option) {
        if (i >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(i);
    }
}

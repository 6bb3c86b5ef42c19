package io.storelink.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.storelink.StorelinkApplication;

/**
 * The bridge as a separate JVM, started the way it runs in production ({@code java ... StorelinkApplication} in the
 * directory that holds {@code routes/} and {@code application.yaml}), configured only through environment
 * variables, its output in a log file. It can be killed like a crashed pod ({@link #kill()}: SIGKILL) or stopped
 * like a rolling update ({@link #stop()}: SIGTERM).
 */
public final class BridgeProcess implements AutoCloseable {

    /** Inherited variables that would configure the child behind the test's back. */
    private static final List<String> SCRUBBED_PREFIXES = List.of("SHOPIFY_", "SALESFORCE_", "KAFKA_", "STORELINK_",
            "SPRING_", "CAMEL_", "HAWTIO_", "MANAGEMENT_", "SERVER_", "LOGGING_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final long startedNanos = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private boolean killed;

    private BridgeProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code java -Xmx512m -cp <this JVM's class path> io.storelink.StorelinkApplication} in
     * {@code workingDirectory} with exactly these Storelink settings in the environment (PORT included); stdout and
     * stderr go to {@code log} (truncated).
     */
    public static BridgeProcess start(String name, Path workingDirectory, Map<String, String> settings, int port, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(classPath());
        command.add(StorelinkApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.equals("PORT") || SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
        env.putAll(settings);
        env.put("PORT", Integer.toString(port));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new BridgeProcess(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** A port nothing listens on right now (the child binds it a few seconds later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire may run tests from a manifest-only jar; the real test class path is then in its own property. */
    public static String classPath() {
        String cp = System.getProperty("java.class.path");
        String surefire = System.getProperty("surefire.test.class.path");
        boolean manifestOnly = cp != null && !cp.contains(java.io.File.pathSeparator) && cp.contains("surefire");
        return manifestOnly && surefire != null ? surefire : cp;
    }

    /**
     * Polls {@code GET /actuator/health/readiness} until it answers 200 UP; fails at once if the process exits
     * and after {@code timeout} otherwise. Returns how long the process took from start to ready.
     */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
                last = r.statusCode() + " " + r.body();
            } catch (ConnectException notListeningYet) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + name, e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS); // a pause that ends early if the child dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + name, e);
            }
        }
        throw new AssertionError(name + " not ready within " + timeout + " (last readiness answer: " + last + ")\n" + tail(60));
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux), then waits for the exit; returns the exit code. */
    public int kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM (a normal stop, Spring's graceful shutdown) with a bounded wait, then SIGKILL; returns the exit code. */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within " + grace + " of SIGTERM; killed\n" + tail(40));
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean wasKilled() {
        return killed;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The log's last {@code n} lines, for failure messages. */
    public String tail(int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last lines of " + log + " ----\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** How many lines of the log contain {@code text}. */
    public long countLines(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Kills the process if it still runs (cleanup after a failure). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
    }
}

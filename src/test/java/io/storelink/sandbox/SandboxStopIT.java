package io.storelink.sandbox;

import io.storelink.crash.BridgeProcess;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's sandbox command stops when asked: TERM (what Ctrl+C's INT also does) to its JVM while orders flow
 * ends the store, the bridge, the fakes and the broker within seconds, without the broker's log directories failing
 * under the bridge (which left the JVM running for minutes).
 */
class SandboxStopIT {

    @Test
    void termStopsTheWholeSandboxWithinSeconds(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("sandbox.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", BridgeProcess.classPath(), SandboxApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> List.of("SHOPIFY_", "SALESFORCE_", "KAFKA_", "STORELINK_", "SPRING_", "SERVER_")
                .stream().anyMatch(k::startsWith));
        env.put("PORT", Integer.toString(BridgeProcess.freePort()));
        env.put("SANDBOX_KAFKA_PORT", Integer.toString(BridgeProcess.freePort()));
        env.put("SANDBOX_SALESFORCE_PORT", Integer.toString(BridgeProcess.freePort()));
        env.put("SANDBOX_SHOPIFY_PORT", Integer.toString(BridgeProcess.freePort()));
        env.put("SANDBOX_ORDERS_PER_SECOND", "5");
        Process sandbox = builder.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !sandbox.isAlive() || Files.readString(log).contains("Synced Shopify order"));
            assertThat(sandbox.isAlive()).as("the sandbox runs and writes orders").isTrue();

            long stopping = System.nanoTime();
            sandbox.destroy(); // SIGTERM

            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            System.out.printf("[sandbox] stopped %.1f s after TERM, exit status %d%n",
                    (System.nanoTime() - stopping) / 1e9, sandbox.exitValue());
            String output = Files.readString(log);
            assertThat(output).contains("Stopping the sandbox").doesNotContain("have failed");
        } finally {
            sandbox.destroyForcibly();
        }
    }
}

package io.storelink.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.TestSettings;
import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.GovernorSettings.Mode;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A paused writer thread waits in the gate for the whole recheck time (a minute by default: each hand-back re-fetches
 * its batch), unless the writer resumes or the bridge stops, which must not wait that minute.
 */
class GateWaitTest {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final SalesforceApiUsage usage = new SalesforceApiUsage(new SimpleMeterRegistry());
    private final SalesforceGate gate = new SalesforceGate(new SalesforceErrors(),
            new AllowanceGovernor(usage, new GovernorSettings(10, Mode.PAUSE, Duration.ofSeconds(2), Duration.ofSeconds(5))),
            TestSettings.mappingCheck(TestSettings.mapping(), TestSettings.orgSchema()),
            RECHECK, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));

    @Test
    void theBridgesStopHandsAWaitingThreadsRecordsBackAtOnce() throws Exception {
        usage.record("api-usage=14000/15000"); // within the reserve: the governor pauses the writer
        CompletableFuture<Void> writer = waitingWriter();

        gate.stopping(); // Spring's ContextClosedEvent, before Camel's graceful stop

        assertThat(writer).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(WriterPausedException.class); // handed back to Kafka, uncommitted
        assertThat(gate.isPaused()).as("still paused: the next bridge probes again").isTrue();
    }

    @Test
    void aResumeLetsAWaitingThreadWriteAtOnce() throws Exception {
        usage.record("api-usage=14000/15000");
        CompletableFuture<Void> writer = waitingWriter();

        usage.record("api-usage=12000/15000"); // the probe's answer: above the reserve again
        gate.probeSucceeded(new DefaultExchange(new DefaultCamelContext()));

        assertThat(writer).succeedsWithin(5, TimeUnit.SECONDS);
    }

    /** A writer thread in the gate, once it is waiting there. */
    private CompletableFuture<Void> waitingWriter() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            thread.set(Thread.currentThread());
            try {
                gate.check(new DefaultExchange(new DefaultCamelContext()));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runnable -> new Thread(runnable, "writer").start());
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> thread.get() != null && thread.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(writer).isNotDone();
        return writer;
    }
}

package io.storelink.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.metrics.AllowanceReserve;
import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.AllowanceGovernor.State;
import io.storelink.salesforce.GovernorSettings.Mode;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The governor's decision from the reported usage, and how the gate applies it. */
class GovernorTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SalesforceApiUsage usage = new SalesforceApiUsage(meters);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AllowanceGovernor.class);
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void normalUntilSalesforceHasAnswered() throws Exception {
        AllowanceGovernor governor = governor(Mode.SLOW);
        assertThat(governor.allowance()).isNull();
        assertThat(governor.state()).isEqualTo(State.NORMAL);
        assertThat(governor.delay(governor.state(), now)).isZero();
    }

    @Test
    void entersTheReserveBelowTenPercentLeftAndLeavesItAboveLoggingEachOnce() {
        AllowanceGovernor governor = governor(Mode.SLOW);
        new AllowanceReserve(governor, meters);

        usage.record("api-usage=13500/15000");
        assertThat(governor.allowance()).isEqualTo(new AllowanceGovernor.Allowance(13500, 15000, 1500, 1500, State.NORMAL));
        assertThat(meters.get("storelink.salesforce.api.reserve.active").gauge().value()).isZero();

        usage.record("api-usage=13501/15000");
        assertThat(governor.allowance()).isEqualTo(new AllowanceGovernor.Allowance(13501, 15000, 1499, 1500, State.SLOWED));
        usage.record("api-usage=15200/15000"); // over: Salesforce counts a little past the limit
        assertThat(governor.allowance().remaining()).isZero();
        assertThat(governor.state()).isEqualTo(State.SLOWED);
        assertThat(meters.get("storelink.salesforce.api.reserve.active").gauge().value()).isEqualTo(1);

        usage.record("api-usage=9000/15000"); // the rolling 24 h window freed calls
        assertThat(governor.state()).isEqualTo(State.NORMAL);
        governor.state();
        assertThat(meters.get("storelink.salesforce.api.reserve.active").gauge().value()).isZero();

        assertThat(logs.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(logs.list.get(0).getFormattedMessage()).contains("below the reserve (1499 of 15000 calls left").contains("slowing");
        assertThat(logs.list.get(1).getFormattedMessage()).contains("above the reserve again (6000 of 15000 calls left");
    }

    @Test
    void pauseModePausesInsteadOfSlowing() {
        AllowanceGovernor governor = governor(Mode.PAUSE);
        usage.record("api-usage=14000/15000");
        assertThat(governor.state()).isEqualTo(State.PAUSED);
        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString().contains("pausing the writer");
    }

    @Test
    void zeroReserveNeverHoldsBack() {
        AllowanceGovernor governor = new AllowanceGovernor(usage, new GovernorSettings(0, Mode.PAUSE, null, null), clock());
        usage.record("api-usage=15000/15000");
        assertThat(governor.state()).isEqualTo(State.NORMAL);
    }

    @Test
    void slowedCallsWaitTheDelayAndAPollHeldTooLongIsGivenBackBeforeKafkaWouldDropTheConsumer() {
        AllowanceGovernor governor = governor(Mode.SLOW);
        usage.record("api-usage=14000/15000");
        Instant pollStarted = now;

        assertThat(governor.delay(governor.state(), pollStarted)).isEqualTo(Duration.ofSeconds(2));
        now = now.plusSeconds(3);
        assertThat(governor.delay(governor.state(), pollStarted)).isEqualTo(Duration.ofSeconds(2));

        now = now.plusSeconds(2); // held for the hand-back time: poll again
        assertThatThrownBy(() -> governor.delay(governor.state(), pollStarted)).isInstanceOf(WriterPausedException.class);
        assertThat(governor.delay(governor.state(), now)).as("the next poll").isEqualTo(Duration.ofSeconds(2));

        usage.record("api-usage=100/15000");
        assertThat(governor.delay(governor.state(), pollStarted)).isZero();
    }

    @Test
    void gateSetsTheDelayOfEachWriterCallInSlowModeAndZeroOtherwise() throws Exception {
        SalesforceGate gate = gate(governor(Mode.SLOW));
        DefaultExchange normal = exchange();
        gate.check(normal);
        assertThat(normal.getProperty(SalesforceGate.DELAY, Long.class)).isZero();

        usage.record("api-usage=14000/15000");
        DefaultExchange slowed = exchange();
        gate.check(slowed);
        assertThat(slowed.getProperty(SalesforceGate.DELAY, Long.class)).isEqualTo(2000L);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void aBatchIsHeldSinceItsPollAndARecordWriterSinceItsThreadsFirstSlowedRecord() throws Exception {
        SalesforceGate gate = gate(governor(Mode.SLOW));
        usage.record("api-usage=14000/15000");
        DefaultExchange batch = exchange();
        batch.setProperty(SalesforceGate.HELD_SINCE, now.minusSeconds(5)); // the orders route's batch began 5 s ago
        assertThatThrownBy(() -> gate.check(batch)).isInstanceOf(WriterPausedException.class);

        gate.check(exchange()); // one record per exchange: this thread is slowed from now
        now = now.plusSeconds(4);
        gate.check(exchange());
        now = now.plusSeconds(1);
        assertThatThrownBy(() -> gate.check(exchange())).isInstanceOf(WriterPausedException.class);
        DefaultExchange afterRepoll = exchange();
        gate.check(afterRepoll);
        assertThat(afterRepoll.getProperty(SalesforceGate.DELAY, Long.class)).isEqualTo(2000L);
    }

    @Test
    void gatePausesInPauseModeUntilAProbeReportsMoreThanTheReserve() throws Exception {
        AllowanceGovernor governor = governor(Mode.PAUSE);
        SalesforceGate gate = gate(governor);
        usage.record("api-usage=14000/15000");

        assertThatThrownBy(() -> gate.check(exchange())).isInstanceOf(WriterPausedException.class);
        assertThat(gate.current().reason()).isEqualTo(ErrorClass.API_LIMIT);
        assertThat(gate.current().detail()).isEqualTo(SalesforceGate.RESERVE);

        usage.record("api-usage=14001/15000"); // the probe's own answer: still within the reserve
        gate.probeSucceeded(exchange());
        assertThat(gate.isPaused()).isTrue();
        assertThat(gate.current().failedProbes()).isEqualTo(1);

        usage.record("api-usage=12000/15000");
        gate.probeSucceeded(exchange());
        assertThat(gate.isPaused()).isFalse();
        DefaultExchange resumed = exchange();
        gate.check(resumed);
        assertThat(resumed.getProperty(SalesforceGate.DELAY, Long.class)).isZero();
    }

    private AllowanceGovernor governor(Mode mode) {
        return new AllowanceGovernor(usage, new GovernorSettings(10, mode, Duration.ofSeconds(2), Duration.ofSeconds(5)), clock());
    }

    private SalesforceGate gate(AllowanceGovernor governor) {
        Duration probe = Duration.ofMillis(1);
        return new SalesforceGate(new SalesforceErrors(), governor, mappingFits(), probe, probe, probe, probe);
    }

    /** The shipped mapping against the fake's standard org: no problems, so only the governor pauses here. */
    private static io.storelink.salesforce.schema.MappingCheck mappingFits() {
        return io.storelink.TestSettings.mappingCheck(io.storelink.TestSettings.mapping(), io.storelink.TestSettings.orgSchema());
    }

    /** A clock at {@link #now}, which the test moves. */
    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    private static DefaultExchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}

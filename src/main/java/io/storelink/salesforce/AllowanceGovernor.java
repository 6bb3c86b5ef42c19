package io.storelink.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.GovernorSettings.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the writer from being the integration that exhausts the org's API allowance: once less than the reserve
 * is left (by the last {@code Sforce-Limit-Info}, see {@link SalesforceApiUsage}), the writer slows down or pauses,
 * so the org's other integrations keep working until the rolling 24 h window frees calls. {@link SalesforceGate}
 * applies the decision before each writer call; only the writers are governed, the pollers' few calls are not.
 */
@Component
public class AllowanceGovernor {

    private static final Logger LOG = LoggerFactory.getLogger(AllowanceGovernor.class);

    public enum State { NORMAL, SLOWED, PAUSED }

    /** The allowance as last reported, with the reserve in calls. */
    public record Allowance(long used, long limit, long remaining, long reserve, State state) {
    }

    private final SalesforceApiUsage usage;
    private final GovernorSettings settings;
    private final Clock clock;
    private final AtomicBoolean belowReserve = new AtomicBoolean();

    @Autowired
    public AllowanceGovernor(SalesforceApiUsage usage, GovernorSettings settings) {
        this(usage, settings, Clock.systemUTC());
    }

    AllowanceGovernor(SalesforceApiUsage usage, GovernorSettings settings, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    /** Null until Salesforce has answered once. Whoever first sees a reading cross the reserve logs it, once. */
    public Allowance allowance() {
        long used = usage.used();
        long limit = usage.limit();
        if (used < 0 || limit <= 0) {
            return null;
        }
        long remaining = Math.max(0, limit - used);
        long reserve = (long) Math.ceil(limit * settings.reserve() / 100);
        boolean below = remaining < reserve;
        State state = !below ? State.NORMAL : settings.mode() == Mode.PAUSE ? State.PAUSED : State.SLOWED;
        if (belowReserve.compareAndSet(!below, below)) {
            logCrossing(state, remaining, limit);
        }
        return new Allowance(used, limit, remaining, reserve, state);
    }

    Instant now() {
        return clock.instant();
    }

    public State state() {
        Allowance a = allowance();
        return a == null ? State.NORMAL : a.state();
    }

    /**
     * Before a writer call: how long to wait first (the route waits with Camel's non-blocking delay, not on the
     * Salesforce client's threads). A Kafka consumer must poll again within max.poll.interval.ms (5 min), which a
     * poll's records x the slow delay would exceed; so a poll held since {@code heldSince} for the hand-back time
     * gives its records back instead (as a paused writer does) and polls again.
     */
    Duration delay(State state, Instant heldSince) {
        if (state != State.SLOWED) {
            return Duration.ZERO;
        }
        if (!clock.instant().isBefore(heldSince.plus(settings.handBack()))) {
            throw new WriterPausedException("Salesforce writer slowed (API allowance within the reserve): records "
                    + "given back so the Kafka consumer polls again");
        }
        return settings.slowDelay();
    }

    private void logCrossing(State state, long remaining, long limit) {
        String left = remaining + " of " + limit + " calls left, reserve " + settings.reserve() + " %";
        switch (state) {
            case SLOWED -> LOG.warn("Salesforce API allowance below the reserve ({}): slowing the writer to one call "
                    + "per {} ms per thread, so the org's other integrations keep working", left, settings.slowDelay().toMillis());
            case PAUSED -> LOG.warn("Salesforce API allowance below the reserve ({}): pausing the writer until it is "
                    + "above again, so the org's other integrations keep working; orders wait in Kafka", left);
            default -> LOG.warn("Salesforce API allowance above the reserve again ({}): the writer is no longer held back", left);
        }
    }
}

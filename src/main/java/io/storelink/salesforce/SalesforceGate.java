package io.storelink.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.storelink.salesforce.schema.MappingCheck;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Pauses the Salesforce writer when no write can succeed for a while — login impossible, the org's API
 * allowance used up, or the field mapping not fitting the org (checked once, before the first write) — instead of burning retries or dead-lettering good orders. While paused, each writer thread
 * waits here before calling Salesforce and then gives its record back uncommitted (breakOnFirstError re-reads it),
 * so orders stay in Kafka, in order, and the consumer keeps polling within Kafka's max.poll.interval. A resume and the
 * bridge's stop wake the waiting threads at once, so the wait can be long: each hand-back costs a consumer reconnect
 * and a re-fetch of the whole batch. The
 * salesforce-recovery route probes Salesforce and opens the gate again. Probes back off: login failures double
 * their interval up to a ceiling, a used-up allowance is probed at a fixed interval. The {@link AllowanceGovernor}
 * slows the writer here, or pauses it the same way, while the allowance left is within the reserve.
 * <p>
 * Hand-built on purpose: Camel's Pausable EIP with camel-kafka let the consumer's offsets advance past records it
 * never processed, so they were lost on resume (CAMEL-20227, fixed in apache/camel#23805 in June 2026, after the 4.17
 * this project uses). Do not replace this gate with it before upgrading past that fix.
 */
@Component("salesforceGate")
public class SalesforceGate {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceGate.class);

    /** Exchange property: since when the writer's current Kafka poll holds its records (the orders route: its batch). */
    public static final String HELD_SINCE = "writerHeldSince";
    /** Exchange property the routes' {@code delay} reads before a call: the governor's slow mode, else 0. */
    public static final String DELAY = "governorDelayMs";

    /** Why and since when the writer is paused, and when to probe next. */
    public record Pause(ErrorClass reason, String detail, Instant since, Instant nextProbe, int failedProbes) {
    }

    /** The detail of a pause by the governor (the allowance within the reserve), as health shows it. */
    static final String RESERVE = "Salesforce API allowance within the reserve kept for the org's other integrations "
            + "(storelink.salesforce.governor). Writes resume by themselves when more than the reserve is left.";

    private final AtomicReference<Pause> pause = new AtomicReference<>();
    private final Object opened = new Object();
    /** The application is stopping: waiting writer threads hand their records back now, not after the recheck time. */
    private volatile boolean stopping;
    private final SalesforceErrors errors;
    private final AllowanceGovernor governor;
    private final MappingCheck mapping;
    private final Duration recheck;
    private final Duration loginFirstProbe;
    private final Duration loginMaxProbe;
    private final Duration limitProbe;
    private final Clock clock;
    /** Per Kafka consumer thread of a writer without batches: since when it has been slowed. */
    private final ThreadLocal<Instant> consumerSlowedSince = new ThreadLocal<>();

    public SalesforceGate(SalesforceErrors errors, AllowanceGovernor governor, MappingCheck mapping,
            @Value("${storelink.salesforce.pause.recheck}") Duration recheck,
            @Value("${storelink.salesforce.pause.login-first-probe}") Duration loginFirstProbe,
            @Value("${storelink.salesforce.pause.login-max-probe}") Duration loginMaxProbe,
            @Value("${storelink.salesforce.pause.limit-probe}") Duration limitProbe) {
        this.errors = errors;
        this.governor = governor;
        this.mapping = mapping;
        this.recheck = recheck;
        this.loginFirstProbe = loginFirstProbe;
        this.loginMaxProbe = loginMaxProbe;
        this.limitProbe = limitProbe;
        this.clock = Clock.systemUTC();
    }

    /**
     * In the writer route before each Salesforce call: while paused, wait (up to the recheck time), never call;
     * while the governor slows the writer, set {@link #DELAY} for the route's non-blocking {@code delay}.
     */
    public void check(Exchange exchange) throws Exception {
        AllowanceGovernor.State allowance = governor.state();
        if (allowance == AllowanceGovernor.State.PAUSED) {
            Instant now = clock.instant();
            pause.compareAndSet(null, new Pause(ErrorClass.API_LIMIT, RESERVE, now, now.plus(limitProbe), 0));
        }
        if (pause.get() == null) {
            checkMapping();
        }
        if (pause.get() != null) {
            synchronized (opened) {
                if (pause.get() != null && !stopping) {
                    opened.wait(recheck.toMillis());
                }
            }
            Pause p = pause.get();
            if (p != null) {
                throw new WriterPausedException("Salesforce writer paused: " + p.detail());
            }
        }
        exchange.setProperty(DELAY, governorDelay(exchange, allowance).toMillis());
    }

    /**
     * Spring publishes this before it stops Camel, whose graceful shutdown would otherwise wait for every writer thread
     * held here (up to the recheck time): they give their records back to Kafka, uncommitted, and Camel stops.
     */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void stopping() {
        stopping = true;
        synchronized (opened) {
            opened.notifyAll();
        }
    }

    /** For the orders route's {@link #HELD_SINCE}: the governor's clock. */
    public Instant now() {
        return governor.now();
    }

    private Duration governorDelay(Exchange exchange, AllowanceGovernor.State allowance) {
        Instant batch = exchange.getProperty(HELD_SINCE, Instant.class);
        if (batch != null) {
            return governor.delay(allowance, batch);
        }
        // one record per exchange (the fulfillments writer): the check runs on the consumer's own thread, which
        // holds its poll since its first slowed record
        if (allowance != AllowanceGovernor.State.SLOWED) {
            consumerSlowedSince.remove();
            return Duration.ZERO;
        }
        Instant since = consumerSlowedSince.get();
        if (since == null) {
            since = governor.now();
            consumerSlowedSince.set(since);
        }
        try {
            return governor.delay(allowance, since);
        } catch (WriterPausedException handBack) {
            consumerSlowedSince.remove(); // the records go back; the next poll starts afresh
            throw handBack;
        }
    }

    /**
     * The field mapping against the org, once (describe): a mapping that does not fit pauses the writers with what to
     * fix instead of sending every order to the dead-letter topic. A failed describe call throws, and the writer's
     * error handler treats it like any call (a failed login pauses).
     */
    public void checkMapping() throws Exception {
        List<String> problems = mapping.ensureChecked();
        if (!problems.isEmpty()) {
            Instant now = clock.instant();
            Pause broken = new Pause(ErrorClass.MAPPING, MappingCheck.detail(problems), now, now.plus(limitProbe), 0);
            if (pause.compareAndSet(null, broken)) {
                LOG.error("Pausing the Salesforce writers: {}", broken.detail());
            }
        }
    }

    /** From the error handler: a login or allowance failure pauses the writer. */
    public void pause(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ErrorClass reason = errors.classify(failure);
        String detail = describe(reason, failure);
        Instant now = clock.instant();
        Pause next = new Pause(reason, detail, now, now.plus(firstProbe(reason)), 0);
        if (pause.compareAndSet(null, next)) {
            LOG.error("Pausing the Salesforce writer; orders wait in Kafka. {}", detail);
        }
    }

    public boolean isPaused() {
        return pause.get() != null;
    }

    public Pause current() {
        return pause.get();
    }

    /** For the recovery route's timer: is a probe due? */
    public boolean probeDue() {
        Pause p = pause.get();
        return p != null && !clock.instant().isBefore(p.nextProbe());
    }

    /**
     * The probe ({@code salesforce:limits}) answered: resume if the allowance has calls left and, in the governor's
     * pause mode, more than the reserve (by the probe's own Sforce-Limit-Info: the /limits body is minutes old).
     */
    public void probeSucceeded(Exchange exchange) {
        Limits limits = exchange.getIn().getBody(Limits.class);
        if (limits != null && limits.getDailyApiRequests() != null && limits.getDailyApiRequests().getRemaining() <= 0) {
            probeFailed(exchange, "API allowance still used up (DailyApiRequests remaining 0)");
            return;
        }
        if (governor.state() == AllowanceGovernor.State.PAUSED) {
            // held by the reserve now, whatever paused the writer; the governor logs entering and leaving it
            probeLater(ErrorClass.API_LIMIT, RESERVE, false);
            return;
        }
        Pause current = pause.get();
        if (current != null && current.reason() == ErrorClass.MAPPING && !mappingFitsNow()) {
            return;
        }
        Pause p = pause.getAndSet(null);
        if (p != null) {
            long seconds = Duration.between(p.since(), clock.instant()).toSeconds();
            if (RESERVE.equals(p.detail())) {
                LOG.info("Resuming the Salesforce writer after {} s within the API allowance reserve", seconds);
            } else {
                LOG.warn("Salesforce is reachable again after {} s; resuming the writer", seconds);
            }
            synchronized (opened) {
                opened.notifyAll();
            }
        }
    }

    /** Checks the mapping again (the org may have been fixed); still broken: stays paused with the new list. */
    private boolean mappingFitsNow() {
        try {
            List<String> problems = mapping.recheck();
            if (problems.isEmpty()) {
                LOG.warn("The field mapping fits the Salesforce org now");
                return true;
            }
            probeLater(ErrorClass.MAPPING, MappingCheck.detail(problems), false);
        } catch (Exception e) {
            probeLater(null, describe(errors.classify(e), e), true);
        }
        return false;
    }

    public void probeFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        probeFailed(exchange, describe(errors.classify(failure), failure));
    }

    private void probeFailed(Exchange exchange, String detail) {
        probeLater(null, detail, true);
    }

    /** Stays paused and schedules the next probe; {@code reason} null keeps the pause's reason. */
    private void probeLater(ErrorClass reason, String detail, boolean warn) {
        pause.updateAndGet(p -> {
            if (p == null) {
                return null;
            }
            ErrorClass why = reason == null ? p.reason() : reason;
            int failed = p.failedProbes() + 1;
            Duration wait = why == ErrorClass.LOGIN
                    ? min(loginFirstProbe.multipliedBy(1L << Math.min(failed, 20)), loginMaxProbe)
                    : limitProbe;
            if (warn) {
                LOG.warn("Salesforce still unavailable ({}); next check in {} s", detail, wait.toSeconds());
            }
            return new Pause(why, detail, p.since(), clock.instant().plus(wait), failed);
        });
    }

    private Duration firstProbe(ErrorClass reason) {
        return reason == ErrorClass.LOGIN ? loginFirstProbe : limitProbe;
    }

    /** An operator-facing reason: what failed and what to check. Never a secret or a payload value. */
    static String describe(ErrorClass reason, Throwable failure) {
        List<String> codes = SalesforceErrors.errorCodes(failure);
        String code = codes.isEmpty() ? (failure == null ? "unknown" : failure.getClass().getSimpleName()) : String.join(",", codes);
        return switch (reason) {
            case LOGIN -> "Salesforce login failed (" + code + "). Check SALESFORCE_LOGIN_URL (client credentials need the "
                    + "My Domain URL), SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, and for the password flow "
                    + "SALESFORCE_USERNAME, SALESFORCE_PASSWORD and SALESFORCE_SECURITY_TOKEN, for the refresh token flow "
                    + "SALESFORCE_REFRESH_TOKEN, for JWT SALESFORCE_USERNAME, SALESFORCE_JWT_KEY_FILE and the certificate "
                    + "uploaded to the app; also the Connected App's enabled flows, its Run As user or pre-authorized "
                    + "users, and IP restrictions.";
            case API_LIMIT -> "Salesforce API allowance used up (" + code + "). Writes resume by themselves when the "
                    + "rolling 24-hour allowance frees up; other integrations of the org share it.";
            default -> "Salesforce unavailable (" + code + ").";
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

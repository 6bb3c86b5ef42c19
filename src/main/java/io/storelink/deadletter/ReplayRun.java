package io.storelink.deadletter;

import static io.storelink.deadletter.DeadLetterHeaders.*;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One run of the dead-letter replay route (started from Hawtio or {@code POST /admin/dead-letters/replay}).
 * Remembers when the run started and which errorCode it replays; a dead letter written after the start (an order
 * that failed again during this run) ends the run, so a replay never chases its own failures.
 */
@Component("replayRun")
public class ReplayRun extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);
    static final String ROUTE_ID = "dead-letter-replay";

    public enum Decision { REPLAY, KEEP, STOP }

    private final CamelContext camel;
    private final String configuredErrorCode;
    private final AtomicReference<String> requestedErrorCode = new AtomicReference<>();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final ExecutorService routeControl;
    private volatile Instant startedAt;
    private volatile String errorCode;

    public ReplayRun(CamelContext camel, @Value("${storelink.replay.error-code}") String configuredErrorCode) {
        this.camel = camel;
        this.configuredErrorCode = configuredErrorCode;
        this.routeControl = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "dead-letter-replay-control");
    }

    /** The admin endpoint's filter for the next start; null replays every dead letter. */
    public void requestErrorCode(String code) {
        requestedErrorCode.set(code == null || code.isBlank() ? null : code.trim());
    }

    @Override
    public void onStart(Route route) {
        String requested = requestedErrorCode.getAndSet(null);
        errorCode = requested != null ? requested : (configuredErrorCode.isBlank() ? null : configuredErrorCode);
        startedAt = Instant.now();
        replayed.set(0);
        kept.set(0);
        LOG.warn("Dead-letter replay started{}", errorCode == null ? "" : " for errorCode " + errorCode);
    }

    @Override
    public void onStop(Route route) {
        LOG.warn("Dead-letter replay stopped: {} replayed, {} kept on the dead-letter topic", replayed.get(), kept.get());
    }

    /** What to do with one dead letter. */
    public Decision decide(Exchange exchange) {
        Message m = exchange.getIn();
        if (writtenSinceStart(m.getHeader(LAST_FAILURE, String.class)) || writtenSinceStart(m.getHeader(KEPT_AT, String.class))) {
            stopReplay();
            return Decision.STOP;
        }
        if (errorCode != null && !codes(m).contains(errorCode)) {
            kept.incrementAndGet();
            m.setHeader(KEPT_AT, Instant.now().toString()); // so this run stops when it meets the copy it appended
            return Decision.KEEP;
        }
        replayed.incrementAndGet();
        return Decision.REPLAY;
    }

    private boolean writtenSinceStart(String time) {
        return time != null && startedAt != null && !Instant.parse(time).isBefore(startedAt);
    }

    /** Moves the last error into the history headers and counts the replay; attempts and first failure stay. */
    public void markReplayed(Exchange exchange) {
        Message m = exchange.getIn();
        m.setHeader(PREVIOUS_ERROR_CLASS, m.getHeader(ERROR_CLASS, String.class));
        m.setHeader(PREVIOUS_ERROR_CODES, m.getHeader(ERROR_CODES, String.class));
        m.setHeader(PREVIOUS_ERROR_MESSAGE, m.getHeader(ERROR_MESSAGE, String.class));
        m.setHeader(REPLAYS, Integer.toString(DeadLetterHistory.parseIntOrZero(m.getHeader(REPLAYS, String.class)) + 1));
        m.removeHeaders("storelink-error-*");
    }

    public boolean isRunning() {
        return camel.getRouteController().getRouteStatus(ROUTE_ID).isStarted();
    }

    public String errorCode() {
        return errorCode;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long replayed() {
        return replayed.get();
    }

    public long kept() {
        return kept.get();
    }

    public void startReplay() throws Exception {
        camel.getRouteController().startRoute(ROUTE_ID);
    }

    /** Stops the route from another thread: stopping waits for in-flight exchanges, possibly the caller's. */
    public void stopReplay() {
        routeControl.execute(() -> {
            try {
                camel.getRouteController().stopRoute(ROUTE_ID);
            } catch (Exception e) {
                LOG.warn("Could not stop the dead-letter replay: {}", e.getMessage());
            }
        });
    }

    private static java.util.List<String> codes(Message m) {
        String codes = m.getHeader(ERROR_CODES, String.class);
        return codes == null || codes.isBlank() ? java.util.List.of() : java.util.List.of(codes.split(","));
    }
}

package io.storelink.leader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stops this instance's poller schedules (route group {@code pollers}: the routes of the {@code poller-schedule}
 * template, routes/poller-schedules.camel.yaml) once the shop is uninstalled or redacted: the Admin API token is revoked, so
 * every run would only fail. Through Camel's route controller; the routes' auto-startup is switched off first, so
 * Camel's route health check counts them as deliberately stopped (like the dead-letter replay) and the instance stays
 * ready for webhooks. {@link PollerLeadership} shows why in health. A restart starts them again (a reinstalled app
 * has a new token).
 */
@Component("pollerSchedules")
public class PollerSchedules {

    /** The route group of the poller-schedule template's routes. */
    static final String GROUP = "pollers";
    private static final Logger LOG = LoggerFactory.getLogger(PollerSchedules.class);

    private final CamelContext camel;
    private final AtomicReference<String> stopped = new AtomicReference<>();

    public PollerSchedules(CamelContext camel) {
        this.camel = camel;
    }

    /** Stops every poller schedule of this instance; returns their route ids. */
    public List<String> stop(String topic, String shop) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (GROUP.equals(route.getGroup())) {
                route.setAutoStartup(false);
                camel.getRouteController().stopRoute(route.getRouteId());
                ids.add(route.getRouteId());
            }
        }
        stopped.set("stopped after " + topic + " of " + shop + " at " + Instant.now() + ": " + (ids.isEmpty() ? "none ran here" : ids));
        LOG.info("Pollers of this instance {} ({} of {}); a restart starts them again", ids.isEmpty() ? "were not running" : "stopped: " + ids,
                topic, shop);
        return ids;
    }

    /** Why the schedules were stopped, or null while they run. */
    public String stopped() {
        return stopped.get();
    }
}

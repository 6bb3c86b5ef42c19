package io.storelink.leader;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "pollers": whether this instance is the elected one that runs the Quartz jobs,
 * and who leads otherwise, or that the pollers were stopped because the shop uninstalled the app. Always UP: a follower
 * is healthy, it just waits; stopped pollers leave the webhooks running.
 */
@Component("pollers")
public class PollerLeadership implements HealthIndicator {

    /** The {@code master:} namespace of every poller route. */
    public static final String NAMESPACE = "storelink-pollers";

    private final CamelContext camel;
    private final boolean jobsEnabled;
    private final PollerSchedules schedules;

    public PollerLeadership(CamelContext camel, @Value("${storelink.jobs.enabled}") boolean jobsEnabled, PollerSchedules schedules) {
        this.camel = camel;
        this.jobsEnabled = jobsEnabled;
        this.schedules = schedules;
    }

    public boolean isLeader() {
        return view().map(v -> v.getLocalMember().isLeader()).orElse(false);
    }

    @Override
    public Health health() {
        if (schedules.stopped() != null) { // the shop uninstalled or redacted the app (routes/privacy-requests.camel.yaml)
            return Health.up().withDetail("role", "pollers stopped").withDetail("schedules", schedules.stopped()).build();
        }
        if (!jobsEnabled) {
            return Health.up().withDetail("role", "jobs disabled (storelink.jobs.enabled=false)").build();
        }
        Optional<CamelClusterView> view = view();
        if (view.isEmpty()) {
            return Health.up().withDetail("role", "not elected yet").build();
        }
        CamelClusterMember me = view.get().getLocalMember();
        return Health.up()
                .withDetail("role", me.isLeader() ? "leader: runs the jobs" : "follower")
                .withDetail("member", me.getId())
                .withDetail("leader", view.get().getLeader().map(CamelClusterMember::getId).orElse("none"))
                .build();
    }

    /** Asking for the view joins the election: only done when this instance runs jobs at all. */
    private Optional<CamelClusterView> view() {
        if (!jobsEnabled) {
            return Optional.empty();
        }
        try {
            Optional<CamelClusterService> service = ClusterServiceHelper.lookupService(camel);
            return service.isPresent() ? Optional.of(service.get().getView(NAMESPACE)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * routes/poller-schedules.camel.yaml: the route template makes one schedule route per job, consuming from Quartz
 * behind the leader election (master:) at the job's cron from application.yaml, and sending to the job's direct:
 * route. Neither Quartz nor a cluster service runs: each schedule's consumer is replaced by a direct: endpoint,
 * the jobs by mocks.
 */
class PollerSchedulesRouteTest extends RouteTestSupport {

    private static final String INVENTORY_CRON = "0 30 2 * * ?";
    private static final Map<String, String> JOBS = Map.of("reconciliation-schedule", "reconciliation",
            "inventory-sync-schedule", "inventory-sync", "shipment-confirmation-schedule", "shipment-confirmation");

    /** Each schedule's consumer endpoint as the route file makes it, before it is advised away. */
    private final Map<String, String> inputUris = new HashMap<>();

    @Override
    protected Map<String, Object> testProperties() {
        // one cron set by the test: the schedule follows the property, not a value written in the route file
        return Map.of("storelink.jobs.inventory.cron", INVENTORY_CRON);
    }

    @BeforeEach
    void startSchedules() throws Exception {
        loadRoutes("poller-schedules.camel.yaml");
        for (Map.Entry<String, String> schedule : JOBS.entrySet()) {
            inputUris.put(schedule.getKey(), inputUri(schedule.getKey()));
            advise(schedule.getKey(), route -> {
                route.replaceFromWith("direct:" + schedule.getKey());
                route.mockEndpointsAndSkip("direct:" + schedule.getValue());
            });
        }
        context.start();
    }

    @Test
    void theTemplateMakesOneScheduleRoutePerJob() {
        assertThat(context.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrderElementsOf(JOBS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "reconciliation-schedule, reconciliation, 0 */5 * * * ?",
            "inventory-sync-schedule, inventory-sync, " + INVENTORY_CRON,
            "shipment-confirmation-schedule, shipment-confirmation, 0 */15 * * * ?"})
    void scheduleRunsItsJobOnTheLeaderAtItsCron(String routeId, String job, String cron) throws Exception {
        String uri = inputUris.get(routeId);
        assertThat(StringHelper.before(uri, "?")).isEqualTo("master:storelink-pollers:quartz:storelink/" + job);
        assertThat(URISupport.parseQuery(StringHelper.after(uri, "?")))
                .containsEntry("cron", cron)
                .containsEntry("stateful", "true");   // a run never overlaps the previous one
        for (String otherJob : JOBS.values()) {
            getMockEndpoint("mock:direct:" + otherJob).expectedMessageCount(otherJob.equals(job) ? 1 : 0);
        }

        template.sendBody("direct:" + routeId, null);

        MockEndpoint.assertIsSatisfied(context);
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.storelink.salesforce.ErrorClass;
import io.storelink.salesforce.SalesforceGate;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/salesforce-recovery.camel.yaml with the real {@link SalesforceGate}: while the writer is paused, each
 * timer tick whose probe is due calls {@code salesforce:limits} (a mock here) and resumes the writer when Salesforce
 * answers with calls left; a failed probe keeps it paused. The timer is replaced by a direct: endpoint.
 */
class SalesforceRecoveryRouteTest extends RouteTestSupport {

    private SalesforceGate gate;
    private MockEndpoint limits;

    @Override
    protected Map<String, Object> testProperties() {
        // a login pause's first probe is due at once (5 s in application.yaml)
        return Map.of("storelink.salesforce.pause.login-first-probe", "0s");
    }

    @BeforeEach
    void startRoute() throws Exception {
        gate = salesforceGate();
        context.getRegistry().bind("salesforceGate", gate);
        loadRoutes("salesforce-recovery.camel.yaml");
        assertThat(inputUri("salesforce-recovery")).isEqualTo("timer:salesforce-recovery?period=1000");
        assertThat(endpointUri("salesforce-recovery", "probe-limits")).isEqualTo("salesforce:limits");
        advise("salesforce-recovery", route -> {
            route.replaceFromWith("direct:tick");
            route.weaveById("probe-limits").replace().to("mock:limits");
        });
        context.start();
        limits = getMockEndpoint("mock:limits");
    }

    @Test
    void runningWriterIsNotProbed() throws Exception {
        limits.expectedMessageCount(0);

        template.sendBody("direct:tick", null);

        limits.assertIsSatisfied();
    }

    @Test
    void pausedWriterResumesWhenTheProbeShowsCallsLeft() throws Exception {
        pauseForLoginFailure();
        limits.whenAnyExchangeReceived(e -> e.getMessage().setBody(SalesforceAnswers.limits("""
                {"DailyApiRequests":{"Max":15000,"Remaining":14998}}""")));

        template.sendBody("direct:tick", null);

        assertThat(limits.getReceivedCounter()).isEqualTo(1);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void failedProbeKeepsTheWriterPaused() {
        pauseForLoginFailure();
        limits.whenAnyExchangeReceived(e -> {
            throw SalesforceAnswers.login("""
                    {"error":"invalid_grant","error_description":"authentication failure"}""");
        });

        Exchange tick = template.send("direct:tick", e -> { });

        assertThat(tick.getException()).as("caught by the route's doTry").isNull();
        assertThat(gate.isPaused()).isTrue();
        assertThat(gate.current().reason()).isEqualTo(ErrorClass.LOGIN);
        assertThat(gate.current().failedProbes()).isEqualTo(1);
    }

    @Test
    void probeWithTheAllowanceStillUsedUpKeepsTheWriterPaused() {
        pauseForLoginFailure();
        limits.whenAnyExchangeReceived(e -> e.getMessage().setBody(SalesforceAnswers.limits("""
                {"DailyApiRequests":{"Max":15000,"Remaining":0}}""")));

        template.sendBody("direct:tick", null);

        assertThat(gate.isPaused()).isTrue();
        assertThat(gate.current().failedProbes()).isEqualTo(1);
    }

    /** As the writer's error handler does when the token endpoint refuses the login. */
    private void pauseForLoginFailure() {
        pause(gate, SalesforceAnswers.login("""
                {"error":"invalid_grant","error_description":"authentication failure"}"""));
        assertThat(gate.isPaused()).isTrue();
    }
}

package io.storelink.salesforce;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "salesforce": DOWN with the reason while the writer is paused (login
 * impossible, allowance used up, or within the governor's reserve in pause mode: the same paused writer whatever the
 * cause). Not part of the liveness or readiness group: the webhook intake keeps taking orders and the pod is never
 * restarted for it. {@code allowance} shows the last reported API usage and the governor's state; a slowed writer
 * still writes, so it stays UP.
 */
@Component("salesforce")
public class SalesforceHealth implements HealthIndicator {

    private final SalesforceGate gate;
    private final SalesforceLogins logins;
    private final AllowanceGovernor governor;

    public SalesforceHealth(SalesforceGate gate, SalesforceLogins logins, AllowanceGovernor governor) {
        this.gate = gate;
        this.logins = logins;
        this.governor = governor;
    }

    @Override
    public Health health() {
        SalesforceGate.Pause pause = gate.current();
        Health.Builder health = pause == null ? Health.up() : Health.down()
                .withDetail("writer", "paused")
                .withDetail("reason", pause.detail())
                .withDetail("class", pause.reason())
                .withDetail("since", pause.since().toString())
                .withDetail("nextCheck", pause.nextProbe().toString());
        AllowanceGovernor.Allowance allowance = governor.allowance();
        if (allowance != null) {
            health.withDetail("allowance", allowance);
        }
        return health.withDetail("logins", logins.count()).build();
    }
}

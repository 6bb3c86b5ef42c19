package io.storelink.salesforce;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "salesforce": DOWN with the reason while the writer is paused (login
 * impossible, allowance used up). Not part of the readiness group: the webhook intake keeps taking orders.
 */
@Component("salesforce")
public class SalesforceHealth implements HealthIndicator {

    private final SalesforceGate gate;
    private final SalesforceLogins logins;

    public SalesforceHealth(SalesforceGate gate, SalesforceLogins logins) {
        this.gate = gate;
        this.logins = logins;
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
        return health.withDetail("logins", logins.count()).build();
    }
}

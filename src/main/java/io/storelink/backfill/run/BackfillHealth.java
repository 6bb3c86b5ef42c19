package io.storelink.backfill.run;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "backfill": the running or last backfill's state and counts. Always UP: a
 * failed backfill is the operator's to resume, the live path does not depend on it.
 */
@Component("backfill")
public class BackfillHealth implements HealthIndicator {

    private final BackfillRun run;

    public BackfillHealth(BackfillRun run) {
        this.run = run;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(run.status()).build();
    }
}

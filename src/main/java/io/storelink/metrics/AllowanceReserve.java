package io.storelink.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.salesforce.AllowanceGovernor;
import org.springframework.stereotype.Component;

/**
 * {@code storelink.salesforce.api.reserve.active} (0/1): 1 while less than the reserve of the org's API allowance is
 * left and the governor slows or pauses the writers ({@code storelink.salesforce.governor}). Read from the last
 * reported usage, so it follows {@code storelink.salesforce.api.used}.
 */
@Component
public class AllowanceReserve {

    public AllowanceReserve(AllowanceGovernor governor, MeterRegistry meters) {
        Gauge.builder("storelink.salesforce.api.reserve.active", governor, g -> g.state() == AllowanceGovernor.State.NORMAL ? 0 : 1)
                .description("1 while the org's API allowance left is within the reserve and the writers are slowed or paused")
                .register(meters);
    }
}

package io.storelink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SalesforceApiUsageTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SalesforceApiUsage usage = new SalesforceApiUsage(meters);

    @Test
    void unknownUntilSalesforceAnswers() {
        assertThat(meters.get("storelink.salesforce.api.used").gauge().value()).isNaN();
        assertThat(meters.get("storelink.salesforce.api.limit").gauge().value()).isNaN();
    }

    @Test
    void takesTheOrgsUsageNotThePerAppOne() {
        usage.record("api-usage=25/15000");
        usage.record("per-app-api-usage=17/250(appName=sample-connected-app)");
        assertThat(meters.get("storelink.salesforce.api.used").gauge().value()).isEqualTo(25);

        usage.record("api-usage=26/15000; per-app-api-usage=18/250(appName=sample-connected-app)");
        usage.record(null);
        usage.record("garbage");

        assertThat(meters.get("storelink.salesforce.api.used").gauge().value()).isEqualTo(26);
        assertThat(meters.get("storelink.salesforce.api.limit").gauge().value()).isEqualTo(15000);
    }
}

package io.storelink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsTheSelectedMetricsAndNothingElse() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.95, sum by (le, writer) "
                + "(rate(storelink_sync_latency_seconds_bucket{writer=~\"orders|x_y\"}[$__rate_interval])))"))
                .containsExactly("storelink_sync_latency_seconds_bucket");
        assertThat(PromQlMetricNames.of("sum(increase(storelink_dead_letters_total[15m])) > 0 "
                + "and on() max(storelink_salesforce_api_used) / ignoring(instance) max(storelink_salesforce_api_limit) offset 5m"))
                .containsExactly("storelink_dead_letters_total", "storelink_salesforce_api_limit", "storelink_salesforce_api_used");
        assertThat(PromQlMetricNames.of("max without (instance) (jvm_memory_used_bytes{area='heap'}) * 1e3 + 2"))
                .containsExactly("jvm_memory_used_bytes");
    }
}

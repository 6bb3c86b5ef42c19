package io.storelink.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.backfill.salesforce.BulkLimitException;
import io.storelink.backfill.salesforce.BulkLimits;
import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.AllowanceGovernor;
import io.storelink.salesforce.GovernorSettings;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The run's limits check: the Bulk API allocations from one /limits read, and the live writer's API reserve. */
class BackfillAllowanceTest {

    private final SalesforceApiUsage usage = new SalesforceApiUsage(new SimpleMeterRegistry());
    private final BackfillAllowance allowance = new BackfillAllowance(new AllowanceGovernor(usage,
            new GovernorSettings(10, GovernorSettings.Mode.PAUSE, null, null)));
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void anIngestJobCountsABatchPerTenThousandRowsAndAtLeastOne() {
        assertThat(BulkLimits.batches(0)).isZero();
        assertThat(BulkLimits.batches(1)).isEqualTo(1);
        assertThat(BulkLimits.batches(10_000)).isEqualTo(1);
        assertThat(BulkLimits.batches(10_001)).isEqualTo(2);
    }

    @Test
    void aRunNeedingMoreBatchesThanAreLeftIsRefusedNamingTheLimitRemainingAndNeeded() throws Exception {
        exchange.getMessage().setBody(limits(10_000, 4));
        allowance.limitsRead(exchange);
        exchange.setProperty(BackfillSteps.FILES, List.of(file("Account", 9_000), file("Contact", 0),
                file("Opportunity", 30_001)));

        assertThatThrownBy(() -> allowance.beforeIngest(exchange)).isInstanceOf(BulkLimitException.class)
                .hasMessageContaining("DailyBulkApiBatches has 4 of 15000 remaining")
                .hasMessageContaining("needs 5");
    }

    @Test
    void noQueryJobOrNoBatchLeftRefusesTheRunBeforeTheExport() throws Exception {
        exchange.getMessage().setBody(limits(0, 15_000));
        assertThatThrownBy(() -> allowance.limitsRead(exchange)).hasMessageContaining("DailyBulkV2QueryJobs has 0 of 10000");
        exchange.getMessage().setBody(limits(10_000, 0));
        assertThatThrownBy(() -> allowance.limitsRead(exchange)).hasMessageContaining("DailyBulkApiBatches has 0 of 15000");
    }

    @Test
    void belowTheGovernorsReserveTheIngestJobsDoNotStart() throws Exception {
        exchange.getMessage().setBody(limits(10_000, 15_000));
        allowance.limitsRead(exchange);
        exchange.setProperty(BackfillSteps.FILES, List.of(file("Opportunity", 10)));
        usage.record("api-usage=1000/15000");
        assertThatCode(() -> allowance.beforeIngest(exchange)).doesNotThrowAnyException();

        usage.record("api-usage=14000/15000");
        assertThatThrownBy(() -> allowance.beforeIngest(exchange)).isInstanceOf(BulkLimitException.class)
                .hasMessageContaining("1000 of 15000 calls left, reserve 1500");
    }

    private static Limits limits(int queryJobs, int batches) throws Exception {
        return new ObjectMapper().readValue("{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":14000},"
                + "\"DailyBulkV2QueryJobs\":{\"Max\":10000,\"Remaining\":" + queryJobs + "},"
                + "\"DailyBulkApiBatches\":{\"Max\":15000,\"Remaining\":" + batches + "}}", Limits.class);
    }

    private static HistoryExport.TableFile file(String object, long rows) {
        return new HistoryExport.TableFile(object, "Id", Path.of(object + ".csv"), rows);
    }
}

package io.storelink.backfill;

import java.util.List;

import io.storelink.backfill.salesforce.BulkLimitException;
import io.storelink.backfill.salesforce.BulkLimits;
import io.storelink.salesforce.AllowanceGovernor;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.springframework.stereotype.Component;

/**
 * Whether Salesforce can carry a backfill run, checked before it writes anything (routes/backfill.camel.yaml).
 * <p>
 * One {@code /limits} read per run, at its start (route backfill-versions), checked twice: then, the version query's
 * query job and the least any write takes (one batch), so that an org with nothing left fails before the Shopify bulk
 * query; and after the export, before the first ingest job, the batches the run really needs, known only from the
 * tables' row counts. {@code /limits} is minutes stale anyway, so reading it once costs nothing in precision.
 * <p>
 * The live writer's API allowance governor applies too: if less than its reserve of the org's daily API allowance is
 * left, the ingest jobs do not start and the run fails with the numbers. It fails rather than waits: the allowance is
 * a rolling 24 h window, so waiting could hold the run (and its export on disk) for hours with nothing to show, while
 * the live writer, which the reserve already slows or pauses, keeps priority; the operator runs it again later.
 */
@Component("backfillAllowance")
public class BackfillAllowance {

    /** Exchange property: the run's one /limits answer. */
    public static final String LIMITS = "backfillLimits";

    private final AllowanceGovernor governor;

    public BackfillAllowance(AllowanceGovernor governor) {
        this.governor = governor;
    }

    /** The /limits answer (body): kept for the run; the version query and at least one batch must be left. */
    public void limitsRead(Exchange exchange) {
        Limits limits = exchange.getMessage().getBody(Limits.class);
        exchange.setProperty(LIMITS, limits);
        BulkLimits.require(limits, BulkLimits.QUERY_JOBS, 1, "the version check's query job");
        BulkLimits.require(limits, BulkLimits.BATCHES, 1, "the run (at least one ingest job)");
    }

    /** After the export, before the first ingest job: the batches the tables need, and the governor's reserve. */
    public void beforeIngest(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HistoryExport.TableFile> files = exchange.getProperty(BackfillSteps.FILES, List.class);
        long batches = files.stream().mapToLong(f -> BulkLimits.batches(f.rows())).sum();
        if (batches == 0) {
            return; // nothing to write: no ingest job will start
        }
        BulkLimits.require(exchange.getProperty(LIMITS, Limits.class), BulkLimits.BATCHES, batches,
                "this run (" + files.stream().filter(f -> f.rows() > 0).count() + " ingest job(s))");
        AllowanceGovernor.Allowance allowance = governor.allowance();
        if (allowance != null && allowance.state() != AllowanceGovernor.State.NORMAL) {
            throw new BulkLimitException("Backfill refused before writing: the org's API allowance is below the reserve "
                    + "the live writer keeps for its other integrations (storelink.salesforce.governor): "
                    + allowance.remaining() + " of " + allowance.limit() + " calls left, reserve " + allowance.reserve()
                    + "; run it again once more than the reserve is left");
        }
    }
}

package io.storelink.backfill.salesforce;

import org.apache.camel.component.salesforce.api.dto.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily Bulk API allocations a backfill draws on, as {@code /limits} reports them ("Bulk API and Bulk API 2.0
 * Limits and Allocations"): {@value #QUERY_JOBS} (10,000 a day; the version read is one query job) and
 * {@value #BATCHES} (15,000 a day, shared with Bulk API 1.0; a Bulk API 2.0 ingest job counts one batch per 10,000
 * records, and at least one). A run that would run out part way leaves Salesforce half written, so it is refused
 * before it writes.
 */
public final class BulkLimits {

    public static final String QUERY_JOBS = "DailyBulkV2QueryJobs";
    public static final String BATCHES = "DailyBulkApiBatches";
    static final long ROWS_PER_BATCH = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(BulkLimits.class);

    private BulkLimits() {
    }

    /** The batches an ingest job of {@code rows} rows counts (a table without rows runs no job). */
    public static long batches(long rows) {
        return rows <= 0 ? 0 : (rows + ROWS_PER_BATCH - 1) / ROWS_PER_BATCH;
    }

    /**
     * Refuses the run unless {@code limit} has {@code needed} left. An org that does not report the limit (an API
     * version before Bulk API 2.0 queries) cannot be checked: logged, not refused.
     */
    public static void require(Limits limits, String limit, long needed, String what) {
        Limits.Usage usage = limits == null ? null : limits.forOperation(limit);
        if (usage == null || usage.isUnknown()) {
            LOG.warn("Salesforce's /limits does not report {}: not checked before the backfill", limit);
            return;
        }
        if (usage.getRemaining() < needed) {
            throw new BulkLimitException("Backfill refused before writing: Salesforce's daily allocation " + limit + " has "
                    + usage.getRemaining() + " of " + usage.getMax() + " remaining, " + what + " needs " + needed
                    + "; the allocation frees up over a rolling 24 h");
        }
    }
}

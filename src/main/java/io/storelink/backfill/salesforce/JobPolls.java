package io.storelink.backfill.salesforce;

import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the backfill reads a Bulk API 2.0 job's state while Salesforce works on it (the loops of
 * routes/backfill.camel.yaml). Every read is an API call and a 100,000-row job takes minutes, so the reads back off:
 * the first after {@code job-poll-interval}, each next one 1.5 times later, up to {@code job-poll-max-interval}; a job
 * of ten minutes costs some 25 reads, not 300. A read that fails (a timeout, a 503) is made again at the next turn, up
 * to {@code job-poll-retries} in a row: the job goes on in Salesforce whatever happens to one read. Camel's redelivery
 * would retry the whole exchange's step, and the loop's body must stay the job as last read, hence this small class.
 */
@Component("jobPolls")
public class JobPolls {

    private static final String JOB = "bulkPollJob";
    private static final String COUNT = "bulkPollCount";
    private static final String FAILURES = "bulkPollFailures";
    private static final String FAILED = "bulkPollFailed";
    private static final String LAST = "bulkPollLast";

    private final long first;
    private final long max;
    private final int retries;

    public JobPolls(@Value("${storelink.backfill.salesforce.job-poll-interval}") long first,
            @Value("${storelink.backfill.salesforce.job-poll-max-interval}") long max,
            @Value("${storelink.backfill.salesforce.job-poll-retries}") int retries) {
        this.first = first;
        this.max = Math.max(first, max);
        this.retries = retries;
    }

    /** The wait before the next read of the job named by the jobId header (ms); remembers the job as last read. */
    public long delay(Exchange exchange) {
        String job = exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID, String.class);
        if (job == null || !job.equals(exchange.getProperty(JOB, String.class))) {
            exchange.setProperty(JOB, job);
            exchange.setProperty(COUNT, 0);
            exchange.setProperty(FAILURES, 0);
        }
        if (!Boolean.TRUE.equals(exchange.removeProperty(FAILED))) {
            exchange.setProperty(FAILURES, 0); // the last read answered
        }
        exchange.setProperty(LAST, exchange.getMessage().getBody());
        int n = exchange.getProperty(COUNT, 0, Integer.class);
        exchange.setProperty(COUNT, n + 1);
        return delay(n);
    }

    long delay(int n) {
        double d = first * Math.pow(1.5, Math.min(n, 60));
        return (long) Math.min(d, max);
    }

    /** A read failed: the job as last read stays the body, for the next turn; too many in a row fail the run. */
    public void failed(Exchange exchange) throws Exception {
        int failures = exchange.getProperty(FAILURES, 0, Integer.class) + 1;
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failures > retries) {
            throw cause != null ? cause : new IllegalStateException("reading Bulk API 2.0 job failed");
        }
        exchange.setProperty(FAILURES, failures);
        exchange.setProperty(FAILED, true);
        exchange.getMessage().setBody(exchange.getProperty(LAST));
    }
}

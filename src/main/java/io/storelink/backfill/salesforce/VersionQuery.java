package io.storelink.backfill.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.AppliedVersion;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.springframework.stereotype.Component;

/**
 * The steps of route backfill-versions (routes/backfill.camel.yaml) between camel-salesforce's bulk2 query operations:
 * one Bulk API 2.0 query job for the order versions the live path wrote (every Opportunity's external id and Shopify
 * version where it has one), whether Salesforce is still running it, and its result pages, CSV, read into
 * {@link KnownVersions} as they come (never a whole page as text) and followed by their {@code Sforce-Locator}. One job
 * and a call per page, however many orders, against one SOQL query per 2,000 through the REST API.
 */
@Component("versionQuery")
public class VersionQuery {

    /** Salesforce's answer header naming the next page, and the text it has when there is none. */
    static final String NEXT_PAGE = "Sforce-Locator";
    static final String NO_MORE = "null";

    private static final ObjectReader CSV_ROWS = new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader());
    private static final Set<JobStateEnum> WORKING = EnumSet.of(JobStateEnum.OPEN, JobStateEnum.UPLOAD_COMPLETE,
            JobStateEnum.IN_PROGRESS);

    private final String object;
    private final String idField;
    private final String versionField;

    public VersionQuery(MappingSettings mapping) {
        this.object = mapping.opportunity().object();
        this.idField = mapping.opportunity().externalId();
        this.versionField = mapping.opportunity().shopifyUpdatedAt();
    }

    /** The SOQL: every order the live path (or an earlier backfill) wrote with its version. */
    public String soql() {
        return "SELECT " + idField + ", " + versionField + " FROM " + object + " WHERE " + versionField + " != null";
    }

    /** The body becomes the query job to create; the run's versions start empty. */
    public void newJob(Exchange exchange) {
        QueryJob job = new QueryJob();
        job.setOperation(OperationEnum.QUERY);
        job.setQuery(soql());
        exchange.getMessage().setBody(job);
        exchange.setProperty(KnownVersions.PROPERTY, new KnownVersions());
    }

    /** While Salesforce runs the job (the body is the job as last read). */
    public boolean working(Exchange exchange) {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        return job != null && job.getState() != null && WORKING.contains(job.getState());
    }

    /** The job ended: its results are read from the first page on, or Salesforce failed or aborted it. */
    public void finished(Exchange exchange) {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        if (job.getState() != JobStateEnum.JOB_COMPLETE) {
            throw new BulkJobFailedException(object, job.getId(), job.getState(), null);
        }
        exchange.getMessage().setHeader(SalesforceEndpointConfig.JOB_ID, job.getId());
        exchange.getMessage().removeHeader(SalesforceEndpointConfig.LOCATOR);
        exchange.getMessage().removeHeader(NEXT_PAGE);
    }

    /** Whether a page is still to be read: none yet, or the last one named a next one. */
    public boolean morePages(Exchange exchange) {
        return !NO_MORE.equals(exchange.getMessage().getHeader(NEXT_PAGE, String.class));
    }

    /** One page of results (CSV: the id and version columns) into the run's versions; the next page's locator. */
    public void page(Exchange exchange) throws IOException {
        KnownVersions versions = exchange.getProperty(KnownVersions.PROPERTY, KnownVersions.class);
        try (InputStream csv = exchange.getMessage().getBody(InputStream.class)) {
            read(csv, versions);
        }
        String next = exchange.getMessage().getHeader(NEXT_PAGE, String.class);
        if (next == null || NO_MORE.equals(next)) {
            exchange.getMessage().setHeader(NEXT_PAGE, NO_MORE);
        } else {
            exchange.getMessage().setHeader(SalesforceEndpointConfig.LOCATOR, next);
        }
    }

    /** Rows of a result page into {@code versions}; a row without a version (none were asked for) is passed over. */
    void read(InputStream csv, KnownVersions versions) throws IOException {
        try (MappingIterator<Map<String, String>> rows = CSV_ROWS.readValues(csv)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String version = row.get(versionField);
                if (version != null && !version.isEmpty()) {
                    versions.put(row.get(idField), AppliedVersion.parse(version));
                }
            }
        }
    }

    /** The run's versions, once read. */
    public String summary(Exchange exchange) {
        return String.valueOf(exchange.getProperty(KnownVersions.PROPERTY, KnownVersions.class));
    }
}

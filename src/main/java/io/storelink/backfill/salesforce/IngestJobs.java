package io.storelink.backfill.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of one Bulk API 2.0 ingest job between camel-salesforce's bulk2 operations (routes/backfill.camel.yaml):
 * the job to create (an upsert of one object by its external id, CSV, LF), the CSV to upload once it exists, whether
 * Salesforce is still processing it, and its end. camel-salesforce sends each request; what a job is and when it is
 * done is Salesforce's lifecycle (Open -> UploadComplete -> InProgress -> JobComplete | Failed | Aborted), kept here.
 */
@Component("ingestJobs")
public class IngestJobs {

    /** Exchange properties of the job route: the table's object and external id, and its CSV file. */
    public static final String OBJECT = "bulkObject";
    public static final String EXTERNAL_ID = "bulkExternalId";
    public static final String CSV = "bulkCsv";
    /** Exchange property: true for a table whose rows are inserted (no external id on the job), else an upsert. */
    public static final String INSERT = "bulkInsert";
    /** Set for an insert job: rows Salesforce answered DUPLICATE_VALUE, already there (not counted as refused). */
    public static final String EXISTING = "bulkRowsExisting";
    static final String ALREADY_THERE = "DUPLICATE_VALUE";
    /** Set once the job is done: rows Salesforce processed and refused. */
    public static final String PROCESSED = "bulkRowsProcessed";
    public static final String FAILED = "bulkRowsFailed";
    /** A job Salesforce ended as a whole: its rows it did not process. */
    public static final String UNPROCESSED = "bulkRowsUnprocessed";
    private static final String LAST_JOB = "bulkFailedJob";

    private static final Logger LOG = LoggerFactory.getLogger(IngestJobs.class);
    private static final ObjectReader FAILED_ROWS = new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader());

    private static final Set<JobStateEnum> WORKING = EnumSet.of(JobStateEnum.OPEN, JobStateEnum.UPLOAD_COMPLETE,
            JobStateEnum.IN_PROGRESS);

    /** The body becomes the job to create: an upsert by the external id, or an insert for an insert table. */
    public void newJob(Exchange exchange) {
        Job job = new Job();
        job.setObject(exchange.getProperty(OBJECT, String.class));
        if (Boolean.TRUE.equals(exchange.getProperty(INSERT, Boolean.class))) {
            job.setOperation(OperationEnum.INSERT);
        } else {
            job.setOperation(OperationEnum.UPSERT);
            job.setExternalIdFieldName(exchange.getProperty(EXTERNAL_ID, String.class));
        }
        job.setContentType(ContentTypeEnum.CSV);
        job.setLineEnding(LineEndingEnum.LF);
        exchange.getMessage().setBody(job);
    }

    /** The job exists: its id for the next operations, the CSV as the body to upload (streamed from the file). */
    public void upload(Exchange exchange) throws IOException {
        Job job = exchange.getMessage().getBody(Job.class);
        exchange.getMessage().setHeader(SalesforceEndpointConfig.JOB_ID, job.getId());
        exchange.getMessage().setBody(Files.newInputStream(exchange.getProperty(CSV, Path.class)));
    }

    /** While Salesforce has not finished the job (the body is the job as last read). */
    public boolean working(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        return job != null && job.getState() != null && WORKING.contains(job.getState());
    }

    /**
     * The rows Salesforce refused (failedResults: sf__Id, sf__Error, then the row as sent), each logged by its external
     * id (a guest's without its email) and error; the row's values stay out of the log (personal data). Returns the
     * rows for the caller. An insert job's rows refused with DUPLICATE_VALUE are there already (a price book entry
     * made before): counted in {@link #EXISTING} and logged once, not refused.
     */
    public List<Map<String, String>> refused(Exchange exchange) throws IOException {
        String externalId = exchange.getProperty(EXTERNAL_ID, String.class);
        boolean insert = Boolean.TRUE.equals(exchange.getProperty(INSERT, Boolean.class));
        List<Map<String, String>> rows = new ArrayList<>();
        long existing = 0;
        try (InputStream csv = exchange.getMessage().getBody(InputStream.class);
             MappingIterator<Map<String, String>> it = FAILED_ROWS.readValues(csv)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                if (insert && String.valueOf(row.get("sf__Error")).startsWith(ALREADY_THERE)) {
                    existing++;
                    continue;
                }
                rows.add(row);
                LOG.warn("Bulk API 2.0 job {} refused {} {}: {}", exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID),
                        exchange.getProperty(OBJECT), loggable(row.get(externalId)), row.get("sf__Error"));
            }
        }
        if (existing > 0) {
            exchange.setProperty(EXISTING, existing);
            exchange.setProperty(FAILED, exchange.getProperty(FAILED, 0L, Long.class) - existing);
            LOG.info("Bulk API 2.0 job {}: {} {} row(s) already in Salesforce ({})",
                    exchange.getMessage().getHeader(SalesforceEndpointConfig.JOB_ID), existing, exchange.getProperty(OBJECT), ALREADY_THERE);
        }
        return rows;
    }

    /** A guest's key holds the guest's email (shop_guest_<email>): logged without it. */
    static String loggable(String externalId) {
        if (externalId == null) {
            return "";
        }
        return externalId.indexOf('@') < 0 ? externalId : "<a guest's key>";
    }

    /** The job's end: its counts, or a failure Salesforce reports for the whole job. */
    /** Whether Salesforce ended the job as a whole (Failed, Aborted): the body is the job as last read. */
    public boolean failedWhole(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        boolean failed = job != null && (job.getState() == JobStateEnum.FAILED || job.getState() == JobStateEnum.ABORTED);
        if (failed) {
            exchange.setProperty(LAST_JOB, job);
        }
        return failed;
    }

    /**
     * The job's unprocessed rows (the CSV as sent, without results): counted and logged, their values stay out of the
     * log; the failed job is put back as the body for {@link #finished}.
     */
    public void unprocessed(Exchange exchange) throws IOException {
        long rows = 0;
        try (InputStream csv = exchange.getMessage().getBody(InputStream.class);
             MappingIterator<Map<String, String>> it = FAILED_ROWS.readValues(csv)) {
            while (it.hasNext()) {
                it.next();
                rows++;
            }
        }
        Job job = exchange.getProperty(LAST_JOB, Job.class);
        LOG.warn("Bulk API 2.0 job {} ({}) ended {}: {} row(s) unprocessed ({}); a resume uploads them in a new job",
                job.getId(), job.getObject(), job.getState(), rows, job.getErrorMessage());
        exchange.setProperty(UNPROCESSED, rows);
        exchange.getMessage().setBody(job);
    }

    public void finished(Exchange exchange) {
        Job job = exchange.getMessage().getBody(Job.class);
        if (job.getState() != JobStateEnum.JOB_COMPLETE) {
            throw new BulkJobFailedException(job.getObject(), job.getId(), job.getState(), job.getErrorMessage());
        }
        exchange.setProperty(PROCESSED, job.getNumberRecordsProcessed() == null ? 0L : job.getNumberRecordsProcessed());
        exchange.setProperty(FAILED, job.getNumberRecordsFailed() == null ? 0L : job.getNumberRecordsFailed());
    }
}

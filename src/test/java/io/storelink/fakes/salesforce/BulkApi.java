package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.SObjectType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk API 2.0 ({@code /services/data/vXX.X/jobs/ingest} and {@code /jobs/query}), as the "Bulk API 2.0 and Bulk API
 * Developer Guide" describes it: JSON job info, CSV in and out, states Open -> UploadComplete -> InProgress ->
 * JobComplete / Failed / Aborted. A job advances one state per GET of its info and finishes after
 * {@link #pollsToComplete} of them, so tests poll instead of sleeping (a large job's rows take longer: it stays
 * InProgress until they are processed, on a thread of their own, and the GETs keep answering at once). Every call is metered by {@link FakeSalesforce}
 * like any other data call; processed ingest jobs count in DailyBulkApiBatches, query jobs in DailyBulkV2QueryJobs.
 * Error codes and messages that no source settles are marked UNCONFIRMED where they are made.
 */
final class BulkApi {

    /** What FakeSalesforce sends. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {}

    static final long DAILY_BATCHES = 15_000;
    static final long DAILY_QUERY_JOBS = 10_000;
    static final int DEFAULT_MAX_RECORDS = 50_000; // UNCONFIRMED: Salesforce picks its own page size without maxRecords
    private static final Pattern JOBS = Pattern.compile("/services/data/v(\\d+\\.\\d)/jobs/(ingest|query)(?:/([^/]+))?(?:/([^/]+))?/?");
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String CSV = "text/csv";

    private final SalesforceStore store;
    private final RecordWriter writer;
    private final SalesforceIds ids = new SalesforceIds();
    private final Map<String, IngestJob> ingest = new LinkedHashMap<>();
    private final Map<String, QueryJob> queries = new LinkedHashMap<>();
    /** Jobs whose rows are being processed (on {@link #processor}), and their end state to come. */
    private final Map<IngestJob, Future<String>> processing = new java.util.HashMap<>();
    private final ExecutorService processor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-salesforce-bulk-ingest");
        t.setDaemon(true);
        return t;
    });
    /** How long the poll that starts a job's processing waits for it before answering InProgress. */
    static final long PROCESSING_WAIT_MS = 2_000;
    private int pollsToComplete = 2;
    private int ingestPollsToComplete; // 0: pollsToComplete
    private volatile int pageLimit = Integer.MAX_VALUE;
    private long batchesUsed;
    private long otherBatches;
    private long queryJobsUsed;
    /** object -> counters of its ingest jobs (see {@link #ingestStats}); kept when a job is deleted. */
    private final Map<String, Map<String, Long>> ingestStats = new java.util.TreeMap<>();

    BulkApi(SalesforceStore store, RecordWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    static boolean handles(String path) {
        return JOBS.matcher(path).matches();
    }

    /** Result pages of query jobs hold at most this many records, whatever maxRecords asked (Salesforce may send fewer). */
    void queryPageLimit(int records) {
        pageLimit = records;
    }

    synchronized void ingestPollsToComplete(int polls) {
        ingestPollsToComplete = Math.max(0, polls);
    }

    synchronized void pollsToComplete(int polls) {
        pollsToComplete = Math.max(1, polls);
    }

    /**
     * Per object of the ingest jobs made so far: {@code jobs} created, {@code uploads} (PUTs accepted),
     * {@code rows_uploaded} (data rows received by those uploads), {@code jobs_closed} and {@code rows_accepted} (jobs
     * set to UploadComplete, from when Salesforce processes their rows, and those rows), {@code rows_processed} and
     * {@code rows_failed} (once a job was processed), {@code jobs_complete}, {@code jobs_failed}, {@code jobs_aborted}.
     * A copy.
     */
    synchronized Map<String, Map<String, Long>> ingestStats() {
        Map<String, Map<String, Long>> copy = new java.util.TreeMap<>();
        ingestStats.forEach((object, counters) -> copy.put(object, new LinkedHashMap<>(counters)));
        return copy;
    }

    /** Query jobs created so far. */
    synchronized long queryJobs() {
        return queryJobsUsed;
    }

    private void count(IngestJob job, String counter, long n) {
        Map<String, Long> counters = ingestStats.computeIfAbsent(job.type.name(), k -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String c : List.of("jobs", "uploads", "rows_uploaded", "jobs_closed", "rows_accepted", "rows_processed",
                    "rows_failed", "jobs_complete", "jobs_failed", "jobs_aborted")) {
                m.put(c, 0L);
            }
            return m;
        });
        counters.merge(counter, n, Long::sum);
    }

    /** Batches the org's other Bulk API clients used in the rolling 24 h (e.g. to leave this run none). */
    synchronized void otherBatches(long batches) {
        otherBatches = batches;
    }

    /** Adds the Bulk API allocations to a /limits body. */
    synchronized void addLimits(Object limitsBody) {
        if (limitsBody instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> limits = (Map<String, Object>) m;
            limits.put("DailyBulkApiBatches", limit(DAILY_BATCHES, Math.max(0, DAILY_BATCHES - batchesUsed - otherBatches)));
            limits.put("DailyBulkV2QueryJobs", limit(DAILY_QUERY_JOBS, DAILY_QUERY_JOBS - queryJobsUsed));
        }
    }

    synchronized Reply handle(String method, String path, String rawQuery, byte[] body, String contentType) {
        Matcher m = JOBS.matcher(path);
        if (!m.matches()) throw new IllegalArgumentException(path);
        String version = m.group(1);
        try {
            if (!ApiRequest.isSupportedVersion(version)) throw SfError.notFound();
            boolean isIngest = m.group(2).equals("ingest");
            String jobId = m.group(3);
            String sub = m.group(4);
            if (jobId == null) {
                if (!method.equals("POST")) throw notAllowed(method); // listing all jobs: not modelled
                return isIngest ? createIngest(body, version) : createQuery(body, version);
            }
            return isIngest ? ingestCall(method, ingest(jobId), sub, body, contentType)
                    : queryCall(method, query(jobId), sub, body, ApiRequest.parseQuery(rawQuery));
        } catch (SfError e) {
            return json(e.status, e.restBody());
        }
    }

    // ---- ingest ----

    private Reply createIngest(byte[] raw, String version) {
        Map<String, Object> req = jsonBody(raw);
        String object = text(req, "object");
        String operation = text(req, "operation");
        if (operation == null || !IngestJob.OPERATIONS.contains(operation)) {
            throw invalidJob("InvalidJob : Invalid operation: " + operation); // UNCONFIRMED wording
        }
        SObjectType type = store.schema.object(object == null ? "" : object)
                .orElseThrow(() -> invalidJob("InvalidJob : Unable to find object: " + object)); // UNCONFIRMED wording
        String external = text(req, "externalIdFieldName");
        if (operation.equals("upsert")) {
            if (external == null || external.isBlank()) {
                // UNCONFIRMED wording; the guide: externalIdFieldName is "Required for upsert"
                throw invalidJob("InvalidJob : External ID was blank for " + type.name() + ". An External ID must be specified for upsert.");
            }
            if (type.field(external).filter(f -> f.externalId() || f.name().equals("Id")).isEmpty()) {
                throw invalidJob("InvalidJob : Field name provided, " + external + " is not an External ID or indexed field for " + type.name());
            }
        }
        String contentTypeOpt = text(req, "contentType");
        if (contentTypeOpt != null && !contentTypeOpt.equals("CSV")) throw invalidJob("InvalidJob : Invalid content type: " + contentTypeOpt);
        String lineEnding = orDefault(text(req, "lineEnding"), "LF");
        String delimiter = orDefault(text(req, "columnDelimiter"), "COMMA");
        if (!List.of("LF", "CRLF").contains(lineEnding) || !BulkCsv.DELIMITERS.containsKey(delimiter)) {
            throw invalidJob("InvalidJob : Invalid lineEnding or columnDelimiter"); // UNCONFIRMED wording
        }
        IngestJob job = new IngestJob(ids.next("750"), type, operation, external, lineEnding, delimiter, version);
        ingest.put(job.id, job);
        count(job, "jobs", 1);
        return json(200, ingestInfo(job, false));
    }

    private Reply ingestCall(String method, IngestJob job, String sub, byte[] body, String contentType) {
        if (sub == null) {
            return switch (method) {
                case "GET" -> {
                    advance(job);
                    yield json(200, ingestInfo(job, true));
                }
                case "PATCH" -> {
                    String to = text(jsonBody(body), "state");
                    if ("UploadComplete".equals(to) && job.state.equals("Open")) {
                        job.state = "UploadComplete";
                        count(job, "jobs_closed", 1);
                        count(job, "rows_accepted", job.records());
                    } else if ("Aborted".equals(to) && List.of("Open", "UploadComplete", "InProgress").contains(job.state)) {
                        Future<String> work = processing.get(job);
                        if (work != null) { // rows being processed stay processed; the rest would not be
                            finish(job, work, Long.MAX_VALUE);
                        }
                        job.abort();
                        count(job, "jobs_aborted", 1);
                    } else {
                        throw invalidState("Invalid state transition from " + job.state + " to " + to);
                    }
                    yield json(200, ingestInfo(job, false));
                }
                case "DELETE" -> {
                    if (job.state.equals("Open") || job.state.equals("InProgress")) throw invalidState("Job is not in a deletable state: " + job.state);
                    ingest.remove(job.id);
                    yield new Reply(204, null, null, Map.of());
                }
                default -> throw notAllowed(method);
            };
        }
        switch (sub) {
            case "batches" -> {
                if (!method.equals("PUT")) throw notAllowed(method);
                if (contentType == null || !contentType.toLowerCase().startsWith(CSV)) {
                    throw invalidJob("InvalidJob : Unsupported content type: " + contentType); // UNCONFIRMED wording
                }
                if (!job.state.equals("Open")) throw invalidState("Job is not in Open state: " + job.state); // UNCONFIRMED
                if (job.uploaded()) {
                    // one upload per job; the wording is as reported by users of the real API (UNCONFIRMED in the guide)
                    throw SfError.noFields(400, "BULK_API_ERROR", "Found multiple contents for job: <" + job.id + ">, please 'Close' / "
                            + "'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.");
                }
                job.upload(body);
                count(job, "uploads", 1);
                count(job, "rows_uploaded", job.records());
                return new Reply(201, null, null, Map.of());
            }
            case "successfulResults", "failedResults", "unprocessedrecords" -> {
                if (!method.equals("GET")) throw notAllowed(method);
                boolean finished = List.of("JobComplete", "Failed", "Aborted").contains(job.state);
                if (!finished) throw invalidState("Job is not in a final state: " + job.state); // UNCONFIRMED
                String csv = switch (sub) {
                    case "successfulResults" -> job.successfulCsv();
                    case "failedResults" -> job.failedCsv();
                    default -> job.unprocessedCsv();
                };
                return csv(csv, Map.of());
            }
            default -> throw SfError.notFound();
        }
    }

    /**
     * One poll: UploadComplete -> InProgress, then processing once the polls are made. The rows are processed on a
     * thread of their own, as Salesforce answers a job's info at once while it works: the poll that starts it waits up
     * to {@link #PROCESSING_WAIT_MS} (a test's few rows are done by then, so it ends after exactly pollsToComplete
     * polls), a large job stays InProgress until a later poll finds it done.
     */
    private void advance(IngestJob job) {
        job.polls++;
        if (job.state.equals("UploadComplete")) {
            job.state = "InProgress";
        } else if (job.state.equals("InProgress")
                && job.polls >= (ingestPollsToComplete > 0 ? ingestPollsToComplete : pollsToComplete)) {
            Future<String> work = processing.computeIfAbsent(job, j -> processor.submit(() -> store.locked(() -> j.process(writer))));
            finish(job, work, PROCESSING_WAIT_MS);
        }
    }

    /** The job's processing, once over: its final state and counts. */
    private void finish(IngestJob job, Future<String> work, long waitMs) {
        String end;
        try {
            end = work.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return; // still InProgress
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException("fake Bulk API 2.0 job " + job.id + " could not be processed", e.getCause());
        }
        processing.remove(job);
        job.state = end;
        batchesUsed += job.batches();
        count(job, "rows_processed", job.processed());
        count(job, "rows_failed", job.failedCount());
        count(job, end.equals("JobComplete") ? "jobs_complete" : "jobs_failed", 1);
    }

    /** Stops the processing thread. */
    synchronized void close() {
        processor.shutdownNow();
    }

    private Map<String, Object> ingestInfo(IngestJob job, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id);
        m.put("operation", job.operation);
        m.put("object", job.type.name());
        m.put("createdById", "005000000000001AAA");
        m.put("createdDate", job.createdDate);
        m.put("systemModstamp", Values.now());
        m.put("state", job.state);
        if (job.externalIdFieldName != null) m.put("externalIdFieldName", job.externalIdFieldName);
        m.put("concurrencyMode", "Parallel");
        m.put("contentType", "CSV");
        m.put("apiVersion", new BigDecimal(job.apiVersion));
        if (!full) m.put("contentUrl", "services/data/v" + job.apiVersion + "/jobs/ingest/" + job.id + "/batches");
        m.put("lineEnding", job.lineEnding);
        m.put("columnDelimiter", job.columnDelimiter);
        if (full) {
            m.put("jobType", "V2Ingest");
            boolean working = processing.containsKey(job); // its lists are being filled on the processing thread
            m.put("numberRecordsProcessed", working ? 0 : job.processed());
            m.put("numberRecordsFailed", working ? 0 : job.failedCount());
            m.put("retries", 0);
            m.put("totalProcessingTime", 0);
            m.put("apiActiveProcessingTime", 0);
            m.put("apexProcessingTime", 0);
            if (job.errorMessage != null) m.put("errorMessage", job.errorMessage);
        }
        return m;
    }

    private IngestJob ingest(String id) {
        IngestJob job = SalesforceIds.normalize(id).map(ingest::get).orElse(null);
        if (job == null) throw SfError.notFound();
        return job;
    }

    // ---- query ----

    private Reply createQuery(byte[] raw, String version) {
        Map<String, Object> req = jsonBody(raw);
        String operation = orDefault(text(req, "operation"), "query");
        String soql = text(req, "query");
        if (!List.of("query", "queryAll").contains(operation)) throw invalidJob("InvalidJob : Invalid operation: " + operation);
        if (soql == null) throw invalidJob("InvalidJob : The query is required"); // UNCONFIRMED wording
        QueryJob job = QueryJob.run(ids.next("750"), operation, soql, version, store, orDefault(text(req, "columnDelimiter"), "COMMA"),
                orDefault(text(req, "lineEnding"), "LF"));
        queries.put(job.id, job);
        queryJobsUsed++;
        return json(200, queryInfo(job));
    }

    private Reply queryCall(String method, QueryJob job, String sub, byte[] body, Map<String, String> params) {
        if (sub == null) {
            return switch (method) {
                case "GET" -> {
                    job.polls++;
                    if (job.state.equals("UploadComplete")) job.state = "InProgress";
                    else if (job.state.equals("InProgress") && job.polls >= pollsToComplete) job.state = "JobComplete";
                    yield json(200, queryInfo(job));
                }
                case "PATCH" -> {
                    String to = text(jsonBody(body), "state");
                    if (!"Aborted".equals(to) || !List.of("UploadComplete", "InProgress").contains(job.state)) {
                        throw invalidState("Invalid state transition from " + job.state + " to " + to);
                    }
                    job.state = "Aborted";
                    yield json(200, queryInfo(job));
                }
                case "DELETE" -> {
                    queries.remove(job.id);
                    yield new Reply(204, null, null, Map.of());
                }
                default -> throw notAllowed(method);
            };
        }
        if (!sub.equals("results")) throw SfError.notFound();
        if (!method.equals("GET")) throw notAllowed(method);
        if (!job.state.equals("JobComplete")) throw invalidState("Job is not complete: " + job.state); // UNCONFIRMED
        int from = 0;
        String locator = params.get("locator");
        if (locator != null && !locator.isEmpty() && !locator.equals("null")) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SfError.noFields(400, "INVALID_LOCATOR", "Invalid locator: " + locator); // UNCONFIRMED wording
            }
        }
        int max = Math.min(pageLimit, params.containsKey("maxRecords") ? Integer.parseInt(params.get("maxRecords")) : DEFAULT_MAX_RECORDS);
        int to = Math.min(job.rows.size(), from + max);
        String next = to < job.rows.size()
                ? Base64.getEncoder().withoutPadding().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)) : "null";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Sforce-NumberOfRecords", Integer.toString(to - from));
        headers.put("Sforce-Locator", next);
        return csv(BulkCsv.write(job.header, job.rows.subList(from, to), job.columnDelimiter, job.lineEnding), headers);
    }

    private Map<String, Object> queryInfo(QueryJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id);
        m.put("operation", job.operation);
        m.put("object", job.object);
        m.put("createdById", "005000000000001AAA");
        m.put("createdDate", job.createdDate);
        m.put("systemModstamp", Values.now());
        m.put("state", job.state);
        m.put("concurrencyMode", "Parallel");
        m.put("contentType", "CSV");
        m.put("apiVersion", new BigDecimal(job.apiVersion));
        m.put("jobType", "V2Query");
        m.put("lineEnding", job.lineEnding);
        m.put("columnDelimiter", job.columnDelimiter);
        if (job.state.equals("JobComplete")) m.put("numberRecordsProcessed", job.rows.size());
        m.put("retries", 0);
        m.put("totalProcessingTime", 0);
        return m;
    }

    private QueryJob query(String id) {
        QueryJob job = SalesforceIds.normalize(id).map(queries::get).orElse(null);
        if (job == null) throw SfError.notFound();
        return job;
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonBody(byte[] raw) {
        Object parsed = Json.parse(raw);
        if (!(parsed instanceof Map<?, ?> m)) throw SfError.noFields(400, "JSON_PARSER_ERROR", "The request body must be a JSON object");
        return (Map<String, Object>) m;
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    /** UNCONFIRMED code: Bulk API 2.0 reports a bad job request as 400 with errorCode INVALIDJOB in the common shape. */
    private static SfError invalidJob(String message) {
        return SfError.noFields(400, "INVALIDJOB", message);
    }

    /** UNCONFIRMED code and status for a call the job's state does not allow. */
    private static SfError invalidState(String message) {
        return SfError.noFields(400, "INVALIDJOBSTATE", message);
    }

    private static SfError notAllowed(String method) {
        return SfError.noFields(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are GET,PATCH,DELETE");
    }

    private static Map<String, Object> limit(long max, long remaining) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Max", max);
        m.put("Remaining", remaining);
        return m;
    }

    private static Reply json(int status, Object body) {
        return new Reply(status, JSON, Json.write(body), Map.of());
    }

    private static Reply csv(String csv, Map<String, String> headers) {
        return new Reply(200, CSV + ";charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8), headers);
    }
}

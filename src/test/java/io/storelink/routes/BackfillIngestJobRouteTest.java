package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.storelink.backfill.salesforce.BulkJobFailedException;
import io.storelink.backfill.salesforce.IngestJobs;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/backfill.camel.yaml, one ingest job: the bulk2 operations in Salesforce's order (create, upload once, close,
 * read until processed), answered as Salesforce answers them, the job's end read from its state.
 */
class BackfillIngestJobRouteTest extends RouteTestSupport {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> uploaded = new CopyOnWriteArrayList<>();
    private JobStateEnum end = JobStateEnum.JOB_COMPLETE;
    /** What the first reads of the job answer (a state, or a failure), before the usual ones. */
    private final java.util.Deque<Object> firstReads = new java.util.concurrent.ConcurrentLinkedDeque<>();

    @TempDir
    Path dir;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.backfill.salesforce.job-poll-interval", "1");
    }

    /** BackfillSteps' part of a job (the checkpoint's steps), recorded among the calls. */
    public class JobSteps {
        private final IngestJobs jobs = new IngestJobs();

        public void created(Exchange e) {
            calls.add("checkpoint OPEN");
        }

        public void submitted(Exchange e) {
            calls.add("checkpoint SUBMITTED");
        }

        public boolean working(Exchange e) {
            return jobs.working(e);
        }

        public void orphanRead(Exchange e) {
            Job job = e.getMessage().getBody(Job.class);
            if (job.getState() != JobStateEnum.OPEN) {
                e.setProperty("backfillSubmittedJob", e.removeProperty("backfillOrphanedJob"));
                calls.add("checkpoint SUBMITTED");
            }
        }

        public void jobFailed(Exchange e) {
            calls.add("checkpoint forgets the job");
        }

        public void jobDone(Exchange e) {
            calls.add("checkpoint DONE");
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("ingestJobs", new IngestJobs());
        registry.bind("backfillSteps", new JobSteps());
        registry.bind("jobPolls", new io.storelink.backfill.salesforce.JobPolls(1, 1, 2));
    }

    @BeforeEach
    void startRoutes() throws Exception {
        context.getRegistry().bind("refusedOrders", new io.storelink.backfill.RefusedOrders(context,
                settings("storelink.mapping", io.storelink.mapping.MappingSettings.class), "shopify.orders"));
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("backfill.camel.yaml");
        // the run around the jobs is BackfillIT's subject (it needs the Shopify side's beans)
        org.apache.camel.model.Model model = context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class);
        model.removeRouteDefinition(model.getRouteDefinition("backfill"));
        model.removeRouteDefinition(model.getRouteDefinition("backfill-run"));
        model.removeRouteDefinition(model.getRouteDefinition("backfill-versions"));
        advise("backfill-ingest-job", route -> route.mockEndpointsAndSkip("salesforce:*"));
        context.start();
        answer("bulk2CreateJob", e -> {
            Job asked = e.getMessage().getBody(Job.class);
            assertThat(asked.getOperation()).isEqualTo(OperationEnum.UPSERT);
            assertThat(asked.getExternalIdFieldName()).isEqualTo("External_Shopify_Order_ID__c");
            return job(JobStateEnum.OPEN);
        });
        answer("bulk2CreateBatch", e -> {
            assertThat(e.getMessage().getHeader("jobId")).isEqualTo("7503h00000LoAdAAAV");
            try (InputStream csv = e.getMessage().getBody(InputStream.class)) {
                uploaded.add(new String(csv.readAllBytes(), StandardCharsets.UTF_8));
            }
            return null;
        });
        answer("bulk2CloseJob", e -> job(JobStateEnum.UPLOAD_COMPLETE));
        answer("bulk2AbortJob", e -> job(JobStateEnum.ABORTED));
        answer("bulk2GetUnprocessedRecords", e -> new java.io.ByteArrayInputStream(
                "External_Shopify_Order_ID__c\n1001\n".getBytes(StandardCharsets.UTF_8)));
        answer("bulk2GetFailedResults", e -> new java.io.ByteArrayInputStream(("sf__Id,sf__Error,External_Shopify_Order_ID__c,Amount\n"
                + ",FIELD_CUSTOM_VALIDATION_EXCEPTION:Amount too high:Amount --,1001,10.00\n").getBytes(StandardCharsets.UTF_8)));
        int[] reads = {0};
        answer("bulk2GetJob", e -> {
            Object next = firstReads.poll();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return job(next != null ? (JobStateEnum) next : ++reads[0] < 3 ? JobStateEnum.IN_PROGRESS : end);
        });
    }

    @Test
    void aJobIsCreatedUploadedOnceClosedAndReadUntilSalesforceHasProcessedIt() throws Exception {
        Exchange done = run("External_Shopify_Order_ID__c,Amount\n1001,10.00\n");

        assertThat(done.getException()).isNull();
        assertThat(calls).as("then the refused rows, as the job reports some").containsExactly("bulk2CreateJob",
                "checkpoint OPEN", "bulk2CreateBatch", "bulk2CloseJob", "checkpoint SUBMITTED", "bulk2GetJob", "bulk2GetJob",
                "bulk2GetJob", "bulk2GetFailedResults", "checkpoint DONE");
        assertThat(uploaded).containsExactly("External_Shopify_Order_ID__c,Amount\n1001,10.00\n");
        assertThat(done.getProperty(IngestJobs.PROCESSED)).isEqualTo(100L);
        assertThat(done.getProperty(IngestJobs.FAILED)).isEqualTo(2L);
    }

    @Test
    void aJobSalesforceFailsAsAWholeFailsTheRun() throws Exception {
        end = JobStateEnum.FAILED;

        Exchange done = run("External_Shopify_Order_ID__c\n1001\n");

        assertThat(done.getException()).isInstanceOf(BulkJobFailedException.class)
                .hasMessageContaining("7503h00000LoAdAAAV").hasMessageContaining("FAILED").hasMessageContaining("InvalidBatch");
        assertThat(calls).endsWith("bulk2GetJob", "bulk2GetUnprocessedRecords", "checkpoint forgets the job");
        assertThat(done.getProperty(IngestJobs.UNPROCESSED)).isEqualTo(1L);
    }

    @Test
    void aJobUploadedBeforeARestartIsOnlyWaitedFor() throws Exception {
        Exchange done = run("External_Shopify_Order_ID__c\n1001\n", "backfillSubmittedJob", "7503h00000LoAdAAAV");

        assertThat(done.getException()).isNull();
        assertThat(calls).containsExactly("bulk2GetJob", "bulk2GetJob", "bulk2GetJob", "bulk2GetFailedResults", "checkpoint DONE");
        assertThat(uploaded).isEmpty();
    }

    @Test
    void aJobCreatedButNeverClosedBeforeARestartIsAbortedAndMadeAgain() throws Exception {
        firstReads.add(JobStateEnum.OPEN);
        Exchange done = run("External_Shopify_Order_ID__c\n1001\n", "backfillOrphanedJob", "7503h00000OrPhAAAV");

        assertThat(done.getException()).isNull();
        assertThat(calls).startsWith("bulk2GetJob", "bulk2AbortJob", "bulk2CreateJob", "checkpoint OPEN", "bulk2CreateBatch");
        assertThat(uploaded).hasSize(1);
    }

    @Test
    void aJobClosedJustBeforeACrashIsWaitedForNotUploadedAgain() throws Exception {
        firstReads.add(JobStateEnum.UPLOAD_COMPLETE); // the crash came between the close and its checkpoint

        Exchange done = run("External_Shopify_Order_ID__c\n1001\n", "backfillOrphanedJob", "7503h00000LoAdAAAV");

        assertThat(done.getException()).isNull();
        assertThat(calls).startsWith("bulk2GetJob", "checkpoint SUBMITTED", "bulk2GetJob").doesNotContain("bulk2AbortJob", "bulk2CreateJob");
        assertThat(uploaded).isEmpty();
    }

    @Test
    void aFailedReadOfTheJobIsMadeAgainAndTooManyInARowFailTheRun() throws Exception {
        firstReads.add(new IllegalStateException("Idle timeout expired: 10000/10000 ms"));
        firstReads.add(new IllegalStateException("Idle timeout expired: 10000/10000 ms"));

        Exchange done = run("External_Shopify_Order_ID__c\n1001\n");

        assertThat(done.getException()).isNull();
        assertThat(calls).endsWith("bulk2GetJob", "bulk2GetFailedResults", "checkpoint DONE");

        calls.clear();
        for (int i = 0; i < 3; i++) {
            firstReads.add(new IllegalStateException("503 SERVER_UNAVAILABLE"));
        }
        Exchange failed = run("External_Shopify_Order_ID__c\n1001\n");
        assertThat(failed.getException()).hasMessageContaining("503 SERVER_UNAVAILABLE");
        assertThat(calls).doesNotContain("checkpoint DONE");
    }

    private Exchange run(String csv) throws Exception {
        return run(csv, "unused", null);
    }

    private Exchange run(String csv, String property, String value) throws Exception {
        Path file = Files.writeString(dir.resolve("opportunities.csv"), csv);
        return template.send("direct:backfill-ingest-job", e -> {
            e.setProperty(property, value);
            e.setProperty(IngestJobs.OBJECT, "Opportunity");
            e.setProperty(IngestJobs.EXTERNAL_ID, "External_Shopify_Order_ID__c");
            e.setProperty(IngestJobs.CSV, file);
        });
    }

    private Job job(JobStateEnum state) {
        Job job = new Job();
        job.setId("7503h00000LoAdAAAV");
        job.setObject("Opportunity");
        job.setState(state);
        if (state == JobStateEnum.JOB_COMPLETE) {
            job.setNumberRecordsProcessed(100L);
            job.setNumberRecordsFailed(2L);
        }
        if (state == JobStateEnum.FAILED) {
            job.setErrorMessage("InvalidBatch : Field name not found : Amount__x");
        }
        return job;
    }

    private void answer(String operation, org.apache.camel.util.function.ThrowingFunction<Exchange, Object, Exception> body) {
        MockEndpoint mock = getMockEndpoint("mock:salesforce:" + operation);
        mock.whenAnyExchangeReceived(e -> {
            calls.add(operation);
            e.getMessage().setBody(body.apply(e));
        });
    }
}

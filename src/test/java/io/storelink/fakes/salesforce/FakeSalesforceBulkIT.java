package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.SalesforceHttp.Res;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk API 2.0 on the fake, driven by camel-salesforce's own bulk2* operations (the client the backfill will use). */
class FakeSalesforceBulkIT {

    private static final String V = "/services/data/v64.0";

    private FakeSalesforce fake;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        fake = FakeSalesforce.start(0).acceptClientCredentials("cid", "secret").bulkPollsToComplete(3);
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(fake.url());
        salesforce.setClientId("cid");
        salesforce.setClientSecret("secret");
        salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("64.0");
        salesforce.setConfig(config);
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        fake.close();
    }

    @Test
    void upsertJobsWithRelationshipColumnsAndPerRowResults() throws Exception {
        Job accounts = ingest("Account", "External_Shopify_Account_ID__c", """
                External_Shopify_Account_ID__c,Name
                acc-1,"Acme, Inc."
                acc-2,Globex
                """);
        assertThat(accounts.getState()).isEqualTo(JobStateEnum.JOB_COMPLETE);
        assertThat(accounts.getNumberRecordsProcessed()).isEqualTo(2);
        assertThat(accounts.getNumberRecordsFailed()).isZero();
        String ok = results("bulk2GetSuccessfulResults", accounts.getId());
        assertThat(ok.lines().toList().get(0)).isEqualTo("sf__Created,sf__Id,External_Shopify_Account_ID__c,Name");
        assertThat(ok).contains("true,001").contains("\"Acme, Inc.\"");
        assertThat(fake.find("Account", "External_Shopify_Account_ID__c", "acc-1").orElseThrow().get("Name")).isEqualTo("Acme, Inc.");

        Job contacts = ingest("Contact", "External_Shopify_ID__c", """
                External_Shopify_ID__c,LastName,Email,Account.External_Shopify_Account_ID__c
                c-1,Doe,doe@example.com,acc-1
                c-2,Roe,roe@example.com,acc-404
                c-3,,nobody@example.com,acc-2
                """);
        assertThat(contacts.getNumberRecordsProcessed()).isEqualTo(3);
        assertThat(contacts.getNumberRecordsFailed()).isEqualTo(2);
        String accountId = (String) fake.find("Account", "External_Shopify_Account_ID__c", "acc-1").orElseThrow().get("Id");
        assertThat(fake.find("Contact", "External_Shopify_ID__c", "c-1").orElseThrow().get("AccountId")).isEqualTo(accountId);
        List<String> failed = results("bulk2GetFailedResults", contacts.getId()).lines().toList();
        assertThat(failed.get(0)).isEqualTo("sf__Error,sf__Id,External_Shopify_ID__c,LastName,Email,Account.External_Shopify_Account_ID__c");
        assertThat(failed).anySatisfy(l -> assertThat(l).startsWith("INVALID_FIELD:Foreign key external ID: acc-404 not found")
                .endsWith(",c-2,Roe,roe@example.com,acc-404"));
        assertThat(failed).anySatisfy(l -> assertThat(l).startsWith("REQUIRED_FIELD_MISSING:").contains("c-3"));

        // 2 jobs x (create, upload, close, 3 polls, 1 result) + login-free: every call is metered
        assertThat(fake.apiCalls("/jobs/ingest")).isEqualTo(14);
        Res limits = new SalesforceHttp(fake.url()).login("cid", "secret").get(V + "/limits");
        assertThat(limits.json().at("/DailyBulkApiBatches/Remaining").asLong()).isEqualTo(15_000 - 2);
        // what the backfill benchmark reads: rows received by uploads, per object
        assertThat(fake.bulkIngestStats().get("Contact")).containsEntry("jobs", 1L).containsEntry("uploads", 1L)
                .containsEntry("rows_uploaded", 3L).containsEntry("jobs_closed", 1L).containsEntry("rows_accepted", 3L)
                .containsEntry("rows_processed", 3L).containsEntry("rows_failed", 2L)
                .containsEntry("jobs_complete", 1L);
        assertThat(fake.bulkIngestStats().get("Account")).containsEntry("rows_uploaded", 2L);
        assertThat(fake.fieldValues("Contact", List.of("External_Shopify_ID__c", "AccountId")))
                .containsExactly(List.of("c-1", accountId));
    }

    @Test
    void insertJobWithBadHeaderFailsAndLeavesRowsUnprocessed() throws Exception {
        Job job = ingest("Account", null, "Name,Nope__c\nX,1\n");
        assertThat(job.getState()).isEqualTo(JobStateEnum.FAILED);
        assertThat(job.getErrorMessage()).contains("Nope__c");
        assertThat(results("bulk2GetUnprocessedRecords", job.getId())).isEqualTo("Name,Nope__c\nX,1\n");
    }

    @Test
    void queryJobPagesWithLocators() throws Exception {
        String acme = fake.insert("Account", Map.of("Name", "Acme"));
        for (int i = 0; i < 3; i++) fake.insert("Contact", Map.of("LastName", "L" + i, "AccountId", acme));
        QueryJob job = completedQueryJob("SELECT Id, LastName, Account.Name FROM Contact ORDER BY LastName");
        Exchange first = results(job.getId(), null, 2);
        assertThat(body(first)).isEqualTo("Id,LastName,Account.Name\n" + ids(0, 2) );
        assertThat(first.getMessage().getHeader("Sforce-NumberOfRecords", String.class)).isEqualTo("2");
        String locator = first.getMessage().getHeader("Sforce-Locator", String.class);
        assertThat(locator).isNotEqualTo("null");
        Exchange second = results(job.getId(), locator, 2);
        assertThat(body(second).lines().count()).isEqualTo(2);
        assertThat(second.getMessage().getHeader("Sforce-Locator", String.class)).isEqualTo("null");

        Res limits = new SalesforceHttp(fake.url()).login("cid", "secret").get(V + "/limits");
        assertThat(limits.json().at("/DailyBulkV2QueryJobs/Remaining").asLong()).isEqualTo(10_000 - 1);
    }

    @Test
    void queryResultsShowDatetimesInUtcWithZAndLimitsCountOtherClientsBatches() throws Exception {
        fake.insert("Account", Map.of("Name", "Dated"));
        QueryJob job = completedQueryJob("SELECT Name, CreatedDate FROM Account WHERE Name = 'Dated'");
        assertThat(body(results(job.getId(), null, 10)).lines().skip(1).toList())
                .singleElement().asString().matches("Dated,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        fake.otherIntegrationsBulkBatches(15_000);
        Res limits = new SalesforceHttp(fake.url()).login("cid", "secret").get(V + "/limits");
        assertThat(limits.json().at("/DailyBulkApiBatches/Remaining").asLong()).isZero();
        fake.otherIntegrationsBulkBatches(0);
    }

    @Test
    void badJobsGetSalesforceErrorBodies() {
        SalesforceHttp http = new SalesforceHttp(fake.url()).login("cid", "secret");
        Res noKey = http.call("POST", V + "/jobs/ingest", Map.of("object", "Account", "operation", "upsert"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().at("/0/errorCode").asText()).isEqualTo("INVALIDJOB");
        assertThat(http.call("POST", V + "/jobs/ingest", Map.of("object", "Nope__c", "operation", "insert")).json().at("/0/message").asText())
                .contains("Nope__c");
        Res job = http.call("POST", V + "/jobs/ingest", Map.of("object", "Account", "operation", "insert"));
        String id = job.json().get("id").asText();
        assertThat(job.json().get("contentUrl").asText()).isEqualTo("services/data/v64.0/jobs/ingest/" + id + "/batches");
        assertThat(http.call("PATCH", V + "/jobs/ingest/" + id, Map.of("state", "Aborted")).json().get("state").asText()).isEqualTo("Aborted");
        Res again = http.call("PATCH", V + "/jobs/ingest/" + id, Map.of("state", "UploadComplete"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/0/errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
        assertThat(http.get(V + "/jobs/ingest/750000000000000AAA").status()).isEqualTo(404);

        String open = http.call("POST", V + "/jobs/ingest", Map.of("object", "Account", "operation", "insert")).json().get("id").asText();
        template.requestBodyAndHeader("salesforce:bulk2CreateBatch", new ByteArrayInputStream("Name\nA\n".getBytes(StandardCharsets.UTF_8)), "jobId", open);
        assertThatThrownBy(() -> template.requestBodyAndHeader("salesforce:bulk2CreateBatch",
                new ByteArrayInputStream("Name\nB\n".getBytes(StandardCharsets.UTF_8)), "jobId", open))
                .hasStackTraceContaining("only do 'PUT' once");
        assertThat(http.call("DELETE", V + "/jobs/ingest/" + id, null).status()).isEqualTo(204);

        assertThatThrownBy(() -> template.requestBodyAndHeader("salesforce:bulk2GetJob", null, "jobId", id, Job.class))
                .hasCauseInstanceOf(SalesforceException.class);
    }

    // ---- helpers ----

    /** create (upsert by {@code externalId}, or insert), upload, close, poll until it is finished. */
    private Job ingest(String object, String externalId, String csv) {
        Job create = new Job();
        create.setObject(object);
        create.setOperation(externalId == null ? OperationEnum.INSERT : OperationEnum.UPSERT);
        create.setExternalIdFieldName(externalId);
        Job job = template.requestBody("salesforce:bulk2CreateJob", create, Job.class);
        assertThat(job.getState()).isEqualTo(JobStateEnum.OPEN);
        template.requestBodyAndHeader("salesforce:bulk2CreateBatch", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "jobId", job.getId());
        Job closed = template.requestBodyAndHeader("salesforce:bulk2CloseJob", null, "jobId", job.getId(), Job.class);
        assertThat(closed.getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);
        Job[] last = new Job[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            last[0] = template.requestBodyAndHeader("salesforce:bulk2GetJob", null, "jobId", job.getId(), Job.class);
            return List.of(JobStateEnum.JOB_COMPLETE, JobStateEnum.FAILED, JobStateEnum.ABORTED).contains(last[0].getState());
        });
        return last[0];
    }

    /** create a query job, poll until it is complete. */
    private QueryJob completedQueryJob(String soql) {
        QueryJob created = new QueryJob();
        created.setOperation(OperationEnum.QUERY);
        created.setQuery(soql);
        QueryJob job = template.requestBody("salesforce:bulk2CreateQueryJob", created, QueryJob.class);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() ->
                template.requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", job.getId(), QueryJob.class).getState()
                        == JobStateEnum.JOB_COMPLETE);
        return job;
    }

    private String results(String operation, String jobId) throws IOException {
        InputStream in = template.requestBodyAndHeader("salesforce:" + operation, null, "jobId", jobId, InputStream.class);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private Exchange results(String jobId, String locator, int maxRecords) {
        return template.request("salesforce:bulk2GetQueryJobResults", e -> {
            e.getMessage().setHeader("jobId", jobId);
            e.getMessage().setHeader("maxRecords", maxRecords);
            if (locator != null) e.getMessage().setHeader("locator", locator);
        });
    }

    private static String body(Exchange e) throws IOException {
        if (e.getException() != null) throw new IllegalStateException(e.getException());
        return new String(e.getMessage().getBody(InputStream.class).readAllBytes(), StandardCharsets.UTF_8);
    }

    private String ids(int from, int to) {
        StringBuilder sb = new StringBuilder();
        List<Map<String, Object>> contacts = fake.records("Contact");
        for (int i = from; i < to; i++) {
            sb.append(contacts.get(i).get("Id")).append(",L").append(i).append(",Acme\n");
        }
        return sb.toString();
    }
}

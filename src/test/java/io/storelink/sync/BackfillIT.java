package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.run.BackfillCheckpoint;
import io.storelink.backfill.run.BackfillCheckpoints;
import io.storelink.backfill.run.BackfillRequest;
import io.storelink.backfill.run.BackfillRun;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A backfill end to end at small volume: orders of a past year in the Shopify Admin fake, one bulk query, its JSONL
 * result, one CSV per object by the live mapping, Bulk API 2.0 ingest jobs through camel-salesforce into the
 * Salesforce fake (which validates each row as its REST API does).
 */
@TestPropertySource(properties = {"storelink.backfill.shopify.poll-interval=50ms",
        "storelink.backfill.salesforce.job-poll-interval=50"})
class BackfillIT extends BridgeTestSupport {

    private static final Instant REFUSED_YEAR = Instant.parse("2018-03-01T00:00:00Z");
    private static final Instant YEAR = Instant.parse("2019-03-01T00:00:00Z"); // no other test's orders are that old
    private static final Instant RESUMED_YEAR = Instant.parse("2014-03-01T00:00:00Z");
    private static final Instant DRY_YEAR = Instant.parse("2013-03-01T00:00:00Z");

    @Autowired
    BackfillRun run;

    @Autowired
    BackfillCheckpoints checkpoints;

    private BackfillRun.Outcome backfill(Instant since, String until, boolean dryRun) throws Exception {
        return BackfillRuns.backfill(run, since, until, dryRun);
    }

    private BackfillRun.Outcome backfill(BackfillRequest request) throws Exception {
        return BackfillRuns.backfill(run, request);
    }

    private void startWhenIdle(BackfillRequest request) throws Exception {
        BackfillRuns.startWhenIdle(run, request);
    }

    @Test
    void aYearOfOrdersLandsAsAccountsContactsAndOpportunitiesInAFewBulkCalls() throws Exception {
        OrderFactory history = new OrderFactory(42, YEAR);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ObjectNode order = i % 3 == 2 ? history.orderForCustomer(orders.get(i - 1)) : history.companyOrder();
            orders.add(order);
            SHOPIFY_ADMIN.putOrder(order);
        }
        long calls = SALESFORCE.apiCalls();

        assertThat(backfill(YEAR, "2020-01-01T00:00:00Z", false).succeeded()).isTrue();
        for (ObjectNode order : orders) {
            String customer = order.at("/customer/id").asText();
            Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c",
                    order.get("id").asText()).orElseThrow();
            Map<String, Object> contact = SALESFORCE.find("Contact", "External_Shopify_ID__c", customer).orElseThrow();
            assertThat(opportunity).containsEntry("ContactId", contact.get("Id")).containsEntry("AccountId", contact.get("AccountId"))
                    .containsKey("Shopify_Updated_At__c");
            assertThat(new java.math.BigDecimal(String.valueOf(opportunity.get("Amount"))))
                    .isEqualByComparingTo(order.get("total_price").asText());
        }
        long customers = orders.stream().map(o -> o.at("/customer/id").asText()).distinct().count();
        assertThat(SALESFORCE.records("Contact").stream().filter(c -> orders.stream()
                .anyMatch(o -> o.at("/customer/id").asText().equals(String.valueOf(c.get("External_Shopify_ID__c")))))).hasSize((int) customers);
        // three jobs (Accounts, Contacts, Opportunities): create, upload, close and a few state reads each
        long spent = SALESFORCE.apiCalls() - calls;
        System.out.printf("Backfill of %d orders: %d Salesforce API calls%n", orders.size(), spent); // measured, see README
        assertThat(spent).as("Salesforce API calls for the whole backfill").isLessThanOrEqualTo(24);
    }

    @Test
    void anOpportunitySalesforceRefusesGoesToTheDeadLetterTopicAsItsOrderAndTheRestIsWritten() throws Exception {
        OrderFactory history = new OrderFactory(7, REFUSED_YEAR);
        ObjectNode kept = history.companyOrder();
        ObjectNode refused = history.companyOrder();
        SHOPIFY_ADMIN.putOrder(kept);
        SHOPIFY_ADMIN.putOrder(refused);
        SALESFORCE.faults().rejectWhere("Opportunity", "External_Shopify_Order_ID__c", refused.get("id").asText(),
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Close Date must be in the future");
        try {
            assertThat(backfill(REFUSED_YEAR, "2019-01-01T00:00:00Z", false).succeeded()).isTrue();
        } finally {
            SALESFORCE.faults().clearRejections();
        }

        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", kept.get("id").asText())).isPresent();
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", refused.get("id").asText())).isEmpty();
        var dead = readAll(DEAD_LETTER_TOPIC).stream()
                .filter(r -> refused.get("id").asText().equals(headers(r).get("storelink-shopify-order-id"))).toList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(headers(r)).containsEntry("storelink-error-class", "VALIDATION")
                    .containsEntry("storelink-error-codes", "FIELD_CUSTOM_VALIDATION_EXCEPTION")
                    .containsEntry("storelink-source-topic", ORDERS_TOPIC).containsEntry("X-Shopify-Topic", "orders/updated");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value()).path("id").asText())
                    .as("the order itself, replayable through the orders writer").isEqualTo(refused.get("id").asText());
            assertThat(r.key()).isEqualTo(refused.at("/customer/id").asText());
        });
    }

    @Test
    void aStoppedRunResumesFromItsCheckpointWithoutUploadingAgainWhatSalesforceHas() throws Exception {
        OrderFactory history = new OrderFactory(11, RESUMED_YEAR);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(history.companyOrder());
            SHOPIFY_ADMIN.putOrder(orders.get(i));
        }
        SALESFORCE.ingestPollsToComplete(1_000_000); // Salesforce keeps working on the ingest jobs until the test lets it finish
        try {
            startWhenIdle(new BackfillRequest(RESUMED_YEAR, Instant.parse("2015-01-01T00:00:00Z"), false, false));
            await().atMost(Duration.ofSeconds(60)).until(() -> run.checkpoint() != null && run.checkpoint().job("Account#0")
                    .map(j -> j.state() == BackfillCheckpoint.JobState.SUBMITTED).orElse(false));
            long uploads = SALESFORCE.apiCalls("/batches");
            run.stop(); // as a crash would: the Account job is uploaded, Salesforce has not finished it
            BackfillRun.Outcome stopped = run.await(Duration.ofMinutes(1));
            assertThat(stopped.succeeded()).isFalse();
            assertThat(stopped.summary()).startsWith("stopped");
            BackfillCheckpoint kept = checkpoints.last().orElseThrow();
            assertThat(kept.stage()).isEqualTo(BackfillCheckpoint.Stage.STOPPED);
            assertThat(kept.operationId()).isNotNull();
            assertThat(orders).allSatisfy(o -> assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c",
                    o.get("id").asText())).isEmpty());

            SALESFORCE.ingestPollsToComplete(0);
            BackfillRun.Outcome resumed = backfill(BackfillRequest.resumeLast());

            assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
            assertThat(SALESFORCE.apiCalls("/batches") - uploads)
                    .as("uploads after the resume: Contacts and Opportunities only, the Accounts' job was waited for").isEqualTo(2);
            assertThat(checkpoints.last().orElseThrow().operationId()).as("the same Shopify bulk operation").isEqualTo(kept.operationId());
            assertThat(checkpoints.last().orElseThrow().stage()).isEqualTo(BackfillCheckpoint.Stage.DONE);
            for (ObjectNode order : orders) {
                assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText())).isPresent();
            }
        } finally {
            SALESFORCE.ingestPollsToComplete(0);
        }
    }

    @Test
    void aDryRunCountsAndWritesNothing() throws Exception {
        OrderFactory history = new OrderFactory(13, DRY_YEAR);
        ObjectNode order = history.companyOrder();
        SHOPIFY_ADMIN.putOrder(order);
        long calls = SALESFORCE.apiCalls("/jobs/ingest");

        BackfillRun.Outcome outcome = backfill(DRY_YEAR, "2014-01-01T00:00:00Z", true);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.summary()).contains("1 orders read").contains("dry run");
        assertThat(SALESFORCE.apiCalls("/jobs/ingest")).as("no ingest job").isEqualTo(calls);
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText())).isEmpty();
    }

    @Test
    void theAdminEndpointStartsAndShowsARunAndAnswersBadInputWith400() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/backfill?since=last-year"))
                .header("Authorization", consoleAuthorization()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("since last-year is neither a date");

        await().atMost(Duration.ofSeconds(30)).until(() -> !run.isRunning());
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/backfill?since=2012-01-01&until=2012-02-01&dryRun=true"))
                .header("Authorization", consoleAuthorization()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(run.await(Duration.ofMinutes(1)).succeeded()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(getAsConsole(port, "/admin/backfill").body())
                .contains("\"running\":false").contains("\"since\":\"2012-01-01T00:00:00Z\"").contains("\"lastOutcome\""));
        assertThat(getAsConsole(port, "/actuator/health/backfill").body()).contains("\"status\":\"UP\"").contains("ordersRead");
    }

    @Test
    void ordersOlderThanSixtyDaysNeedReadAllOrdersAndARunWithoutItSaysSoBeforeReadingAnything() throws Exception {
        long bulkQueries = SHOPIFY_ADMIN.requests("BulkOperationRunQuery");
        SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.stream().filter(s -> !s.equals("read_all_orders")).toArray(String[]::new));
        BackfillRun.Outcome outcome;
        try {
            outcome = backfill(Instant.parse("2011-01-01T00:00:00Z"), "2011-02-01T00:00:00Z", true);
        } finally {
            SHOPIFY_ADMIN.scopes(FakeShopifyAdmin.DEFAULT_SCOPES.toArray(String[]::new));
        }

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.summary()).contains("only the last 60 days of orders without the read_all_orders scope");
        assertThat(SHOPIFY_ADMIN.requests("BulkOperationRunQuery")).as("no bulk query").isEqualTo(bulkQueries);
    }

    /** Hawtio's Start is a JMX operation on the route's MBean, through Jolokia: the same call as the console makes. */
    @Test
    void startingRouteBackfillRunFromTheConsoleResumesTheUnfinishedRunOrSaysWhatIsMissing() throws Exception {
        Instant year = Instant.parse("2010-03-01T00:00:00Z");
        ObjectNode order = new OrderFactory(19, year).companyOrder();
        SHOPIFY_ADMIN.putOrder(order);
        await().atMost(Duration.ofSeconds(30)).until(() -> !run.isRunning());
        BackfillCheckpoint done = BackfillCheckpoint.start("console-test-done",
                new BackfillRequest(year, Instant.parse("2011-01-01T00:00:00Z"), false, false));
        checkpoints.save(done.withStage(BackfillCheckpoint.Stage.DONE, 0, null));

        assertThat(startFromTheConsole()).isEqualTo(200);
        BackfillRun.Outcome nothing = run.await(Duration.ofMinutes(1));
        assertThat(nothing.succeeded()).isFalse();
        assertThat(nothing.summary()).contains("nothing to backfill").contains("storelink.backfill.since is empty");

        checkpoints.save(done.withStage(BackfillCheckpoint.Stage.STOPPED, 0, "stopped"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !run.isRunning());
        assertThat(startFromTheConsole()).isEqualTo(200);
        BackfillRun.Outcome resumed = run.await(Duration.ofMinutes(2));
        assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText())).isPresent();
    }

    private int startFromTheConsole() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        // this context's route: other bridges of the test JVM register theirs in the same MBean server
        String pattern = "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\"backfill-run\",*";
        String route = jolokia(json, "{\"type\":\"search\",\"mbean\":" + json.writeValueAsString(pattern) + "}")
                .path("value").path(0).asText();
        assertThat(route).as("route backfill-run's MBean, as Hawtio lists it").startsWith("org.apache.camel:");
        return jolokia(json, "{\"type\":\"exec\",\"mbean\":" + json.writeValueAsString(route) + ",\"operation\":\"start()\"}")
                .path("status").asInt();
    }

    private com.fasterxml.jackson.databind.JsonNode jolokia(com.fasterxml.jackson.databind.ObjectMapper json, String request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/jolokia"))
                .header("Authorization", consoleAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}

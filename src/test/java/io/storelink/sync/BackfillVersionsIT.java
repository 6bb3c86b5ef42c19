package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.run.BackfillRun;
import io.storelink.fakes.shopify.OrderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The backfill's rule "never older over newer" end to end: the versions the live path wrote are read with one Bulk API
 * 2.0 query job (its results in pages, followed by Sforce-Locator), and an order Salesforce has at the same or a newer
 * Shopify version is left as the live path wrote it; an older one is overwritten, a missing one created. And the daily
 * Bulk API limits: a run the org's batches cannot carry is refused before it writes anything. The properties are
 * BackfillIT's, so both share one Spring context.
 */
@TestPropertySource(properties = {"storelink.backfill.shopify.poll-interval=50ms",
        "storelink.backfill.salesforce.job-poll-interval=50"})
class BackfillVersionsIT extends BridgeTestSupport {

    private static final Instant VERSIONS_YEAR = Instant.parse("2017-03-01T00:00:00Z"); // no other test's orders are that old
    private static final Instant LIMITS_YEAR = Instant.parse("2016-03-01T00:00:00Z");

    @Autowired
    BackfillRun run;

    @Test
    void ordersSalesforceHasAtTheSameOrANewerVersionAreLeftAloneOlderOnesOverwrittenMissingOnesCreated() throws Exception {
        OrderFactory history = new OrderFactory(17, VERSIONS_YEAR);
        ObjectNode newer = history.companyOrder();
        ObjectNode same = history.companyOrder();
        ObjectNode older = history.companyOrder();
        ObjectNode missing = history.companyOrder();
        for (ObjectNode order : new ObjectNode[] {newer, same, older, missing}) {
            SHOPIFY_ADMIN.putOrder(order);
        }
        writtenByTheLivePath(newer, version(newer).plus(Duration.ofHours(1)), "111.11");
        writtenByTheLivePath(same, version(same), "222.22");
        writtenByTheLivePath(older, version(older).minus(Duration.ofHours(1)), "333.33");
        long resultPages = SALESFORCE.apiCalls("/results");

        SALESFORCE.bulkQueryPageLimit(2); // small pages, so that the run follows Sforce-Locator across several
        BackfillRun.Outcome outcome;
        try {
            outcome = BackfillRuns.backfill(run, VERSIONS_YEAR, "2018-01-01T00:00:00Z", false);
        } finally {
            SALESFORCE.bulkQueryPageLimit(Integer.MAX_VALUE);
        }

        assertThat(outcome.succeeded()).as(outcome.summary()).isTrue();
        assertThat(SALESFORCE.apiCalls("/results") - resultPages).as("result pages of the version query").isGreaterThanOrEqualTo(2);
        assertThat(opportunity(newer)).as("Salesforce newer: as the live path wrote it")
                .satisfies(o -> assertAmount(o, "111.11")).satisfies(o -> assertVersion(o, version(newer).plus(Duration.ofHours(1))));
        assertThat(opportunity(same)).as("the same version: as the live path wrote it")
                .satisfies(o -> assertAmount(o, "222.22")).satisfies(o -> assertVersion(o, version(same)));
        assertThat(opportunity(older)).as("Salesforce older: overwritten")
                .satisfies(o -> assertAmount(o, older.get("total_price").asText())).satisfies(o -> assertVersion(o, version(older)));
        assertThat(opportunity(missing)).as("not in Salesforce: created")
                .satisfies(o -> assertAmount(o, missing.get("total_price").asText())).containsKey("ContactId");
        assertThat(SALESFORCE.find("Contact", "External_Shopify_ID__c", newer.at("/customer/id").asText()))
                .as("a left-out order's customer rows are not written either").isEmpty();
        assertThat(SALESFORCE.find("Contact", "External_Shopify_ID__c", older.at("/customer/id").asText())).isPresent();
    }

    @Test
    void aRunTheDailyBulkBatchesCannotCarryIsRefusedBeforeItWritesAnything() throws Exception {
        OrderFactory history = new OrderFactory(16, LIMITS_YEAR);
        ObjectNode order = history.companyOrder();
        SHOPIFY_ADMIN.putOrder(order);
        long ingest = SALESFORCE.apiCalls("/jobs/ingest");
        long query = SALESFORCE.apiCalls("/jobs/query");
        SALESFORCE.otherIntegrationsBulkBatches(15_000);
        BackfillRun.Outcome outcome;
        try {
            outcome = BackfillRuns.backfill(run, LIMITS_YEAR, "2017-01-01T00:00:00Z", false);
        } finally {
            SALESFORCE.otherIntegrationsBulkBatches(0);
        }

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.summary()).startsWith("failed: ")
                .contains("DailyBulkApiBatches has 0 of 15000 remaining, the run (at least one ingest job) needs 1");
        assertThat(SALESFORCE.apiCalls("/jobs/ingest")).as("no ingest job").isEqualTo(ingest);
        assertThat(SALESFORCE.apiCalls("/jobs/query")).as("no query job either").isEqualTo(query);
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText())).isEmpty();
    }

    /** The order's Opportunity as the live writer would have left it: its own amount, a Shopify version. */
    private static void writtenByTheLivePath(ObjectNode order, Instant version, String amount) {
        String id = order.get("id").asText();
        SALESFORCE.insert("Opportunity", Map.of("Name", "Shopify order " + id, "StageName", "New Order",
                "CloseDate", "2017-03-01", "External_Shopify_Order_ID__c", id, "Amount", new BigDecimal(amount),
                "Shopify_Updated_At__c", version.toString()));
    }

    private static Map<String, Object> opportunity(ObjectNode order) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText()).orElseThrow();
    }

    private static Instant version(ObjectNode order) {
        return OffsetDateTime.parse(order.get("updated_at").asText()).toInstant();
    }

    private static void assertAmount(Map<String, Object> opportunity, String amount) {
        assertThat(new BigDecimal(String.valueOf(opportunity.get("Amount")))).isEqualByComparingTo(amount);
    }

    private static void assertVersion(Map<String, Object> opportunity, Instant version) {
        assertThat(OffsetDateTime.parse(String.valueOf(opportunity.get("Shopify_Updated_At__c")),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant()).isEqualTo(version);
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Person account mode end to end: an org with Person Accounts (the Salesforce fake's, which enforces their rules: Name
 * computed, LastName required, person fields only on person Accounts), orders and customer events over HTTP through
 * the broker and the orders writer, and a redaction of such a customer.
 */
class PersonAccountsIT extends PrivacyTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD_TYPE = SALESFORCE.enablePersonAccounts();

    @DynamicPropertySource
    static void personAccounts(DynamicPropertyRegistry registry) {
        registry.add("storelink.mapping.person-accounts", () -> "true");
        registry.add("storelink.mapping.person-account.record-type-id", () -> RECORD_TYPE);
    }

    @BeforeEach
    void writerIdle() {
        awaitWriterIdle();
    }

    @Test
    void aCustomersOrderMakesOnePersonAccountAndTheOpportunityPointsAtIt() throws Exception {
        ObjectNode order = orders.companyOrder();
        String customerId = order.at("/customer/id").asText();

        deliver(shopify().prepare("orders/create", OrderFactory.bytes(order)));

        Map<String, Object> account = SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId).orElseThrow();
        assertThat(account).containsEntry("IsPersonAccount", true).containsEntry("RecordTypeId", RECORD_TYPE)
                .containsEntry("LastName", order.at("/customer/last_name").asText())
                .containsEntry("PersonEmail", order.at("/customer/email").asText())
                .containsEntry("Name", order.at("/customer/first_name").asText() + " " + order.at("/customer/last_name").asText());
        assertThat(SALESFORCE.find("Contact", "External_Shopify_ID__c", customerId)).as("no separate Contact").isEmpty();
        Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText()).orElseThrow();
        assertThat(opportunity).containsEntry("AccountId", account.get("Id"));
        assertThat(opportunity.get("ContactId")).isNull();
    }

    @Test
    void customerEventsWriteThePersonAccountAndAnOlderOneLosesToANewer() throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
        Instant created = Instant.now().minus(10, ChronoUnit.DAYS);
        ObjectNode newer = customer(id, created.plusSeconds(60));
        newer.put("last_name", "Biller-Newer");
        newer.putObject("email_marketing_consent").put("state", "subscribed");
        ObjectNode older = customer(id, created);

        deliver(shopify().prepare("customers/update", OrderFactory.bytes(newer)));
        deliver(shopify().prepare("customers/update", OrderFactory.bytes(older)));

        Map<String, Object> account = SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + id).orElseThrow();
        assertThat(account).containsEntry("IsPersonAccount", true).containsEntry("LastName", "Biller-Newer")
                .containsEntry("Name", "Bob Biller-Newer").containsEntry("PersonHasOptedOutOfEmail", false)
                .containsEntry("PersonMailingCity", "Ottawa").containsEntry("Description", "This customer loves ice cream");
        assertThat(String.valueOf(account.get("Shopify_Customer_Updated_At__pc"))).startsWith(
                created.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString().substring(0, 19));
        assertThat(SALESFORCE.records("Account").stream()
                .filter(a -> ("shop_cust_" + id).equals(a.get("External_Shopify_Account_ID__c")))).hasSize(1);
    }

    @Test
    void aRedactLeavesNoPersonalValueOnThePersonAccount() throws Exception {
        SyncedCustomer customer = syncCustomerWithTwoOrders();
        assertThat(PrivacyRequests.occurrences(SALESFORCE, customer.personal().values())).as("synced before the redact")
                .anySatisfy(o -> assertThat(o).contains("PersonEmail"));

        assertThat(shopify().send("customers/redact", redactRequest(customer, java.util.List.of(id(customer.first()),
                id(customer.second())))).statusCode()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> audits(customer.id()).size() == 1);
        assertThat(PrivacyRequests.occurrences(SALESFORCE, customer.personal().values())).as("personal values left").isEmpty();
        assertThat(SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customer.id()).orElseThrow())
                .containsEntry("LastName", "Redacted").containsEntry("IsPersonAccount", true);
    }

    private void deliver(WebhookSender.Delivery d) throws Exception {
        WriterRecords done = WriterRecords.watch(camel, 1, java.util.Set.of(d.webhookId()));
        assertThat(shopify().deliver(d).statusCode()).isEqualTo(200);
        assertThat(done.matches(30, TimeUnit.SECONDS)).as("writer settled " + d.topic()).isTrue();
        assertThat(readAll(DEAD_LETTER_TOPIC).stream().filter(r -> d.webhookId().equals(headers(r).get("X-Shopify-Webhook-Id"))))
                .as("dead letters of " + d.topic()).isEmpty();
    }

    private static ObjectNode customer(long id, Instant at) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(Files.readAllBytes(
                Path.of("src/test/resources/shopify/webhooks-2026-07/customers__update.json")));
        c.put("id", id).put("created_at", at.toString()).put("updated_at", at.toString());
        return c;
    }
}

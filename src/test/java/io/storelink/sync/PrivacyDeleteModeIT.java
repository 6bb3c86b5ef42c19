package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * customers/redact with {@code storelink.privacy.redact=delete}, and shop/redact stopping the pollers: the poller
 * schedules run here (crons that never fire during the test, their own leader lock directory), so there are routes to
 * stop. A context of its own: these settings differ from {@link PrivacyIT}'s.
 */
@TestPropertySource(properties = {
        "storelink.privacy.redact=delete",
        "storelink.jobs.enabled=true",
        "storelink.jobs.reconciliation.cron=0 0 0 1 1 ? 2099",
        "storelink.jobs.inventory.cron=0 0 0 1 1 ? 2099",
        "storelink.jobs.shipment-confirmation.cron=0 0 0 1 1 ? 2099",
        "camel.cluster.file.root=${java.io.tmpdir}/storelink-privacy-delete-mode-it"})
class PrivacyDeleteModeIT extends PrivacyTestSupport {

    private static final List<String> SCHEDULES =
            List.of("reconciliation-schedule", "inventory-sync-schedule", "shipment-confirmation-schedule");

    @Test
    void deleteModeDeletesTheContactAndKeepsTheOpportunitiesAnonymised() throws Exception {
        SyncedCustomer customer = syncCustomerWithTwoOrders();
        String customerId = customer.id();
        WebhookSender.Delivery redact = shopify().prepare("customers/redact",
                redactRequest(customer, List.of(id(customer.first())))); // the second order is linked to the customer

        assertThat(shopify().deliver(redact).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> audits(customerId).size() == 1);
        assertThat(SALESFORCE.find("Contact", "External_Shopify_ID__c", customerId)).as("Contact deleted").isEmpty();
        // the Account holds the merchant's Opportunities (deleting it would delete them): anonymised, not deleted
        assertThat(SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId)).hasValueSatisfying(a ->
                assertThat(a).containsEntry("Name", "Redacted customer " + customerId));
        for (ObjectNode order : List.of(customer.first(), customer.second())) {
            assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", id(order))).as("kept").hasValueSatisfying(o ->
                    assertThat(o).containsEntry("Name", "Shopify order " + id(order)));
        }
        assertThat(PrivacyRequests.occurrences(SALESFORCE, customer.personal().values())).as("personal values left in Salesforce").isEmpty();
        JsonNode audit = PrivacyRequests.json(audits(customerId).get(0).value());
        assertThat(audit.path("mode").asText()).isEqualTo("delete");
        assertThat(audit.path("changes").findValuesAsText("action")).contains("deleted", "anonymised");

        // again: nothing left to delete or change, and it succeeds
        assertThat(shopify().redeliver(redact).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> audits(customerId).size() == 2);
        assertThat(PrivacyRequests.json(audits(customerId).get(1).value()).path("changes")).isEmpty();
        assertThat(SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", id(customer.first()))).isPresent();
    }

    @Test
    void shopRedactStopsThePollersShowsItInHealthAndTheInstanceStaysReady() throws Exception {
        assertThat(SCHEDULES).allSatisfy(id -> assertThat(camel.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Started));
        awaitPollerStopConsumerAssigned();
        byte[] shopRedact = PrivacyRequests.payload("shop__redact.json", SHOP, null, null, null, null, List.of());

        assertThat(shopify().send("shop/redact", shopRedact).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SCHEDULES.stream()
                .allMatch(id -> camel.getRouteController().getRouteStatus(id) == ServiceStatus.Stopped));
        JsonNode pollers = new ObjectMapper().readTree(getAsConsole(port, "/actuator/health/pollers").body());
        assertThat(pollers.path("details").path("schedules").asText()).contains("shop/redact", SHOP);
        assertThat(getAsConsole(port, "/actuator/health/readiness").statusCode()).as("webhooks still served").isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readAll(PRIVACY_AUDIT_TOPIC).stream()
                .anyMatch(r -> SHOP.equals(r.key()) && new String(r.value()).contains("\"type\":\"shop_redact\"")));
    }

    // ---- helpers ----

    /** Its consumer group is new per start and reads from the newest offset: a request sent before it joined is not its. */
    private void awaitPollerStopConsumerAssigned() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
                List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                        .filter(g -> g.startsWith("storelink-privacy-pollers-")).toList();
                Collection<ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get().values();
                return described.stream().anyMatch(d -> d.members().stream()
                        .anyMatch(m -> !m.assignment().topicPartitions().isEmpty()));
            }
        });
    }
}

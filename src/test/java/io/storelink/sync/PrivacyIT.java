package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Shopify's privacy webhooks end to end (Shopify's sample payloads adapted to a customer the test synced): over HTTP,
 * through the broker and the privacy route, into the Salesforce fake, the audit records on storelink.privacy. The
 * default redaction (anonymise) here; delete mode and the pollers in {@link PrivacyDeleteModeIT}.
 */
class PrivacyIT extends PrivacyTestSupport {

    @Test
    void aRedactLeavesNoPersonalValueOnTheCustomersRecordsAndARepeatChangesNothing() throws Exception {
        SyncedCustomer customer = syncCustomerWithTwoOrders();
        Map<String, String> personal = customer.personal();
        ObjectNode first = customer.first();
        ObjectNode second = customer.second();
        String customerId = customer.id();
        assertThat(PrivacyRequests.occurrences(SALESFORCE, personal.values())).as("synced before the redact").isNotEmpty();
        byte[] redact = redactRequest(customer, List.of(id(first), id(second)));
        WebhookSender.Delivery delivery = shopify().prepare("customers/redact", redact);

        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> audits(customerId).size() == 1);
        assertThat(PrivacyRequests.occurrences(SALESFORCE, personal.values())).as("personal values left in Salesforce").isEmpty();
        Map<String, Object> contact = SALESFORCE.find("Contact", "External_Shopify_ID__c", customerId).orElseThrow();
        assertThat(contact).containsEntry("LastName", "Redacted");
        assertThat(SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId).orElseThrow())
                .containsEntry("Name", "Redacted customer " + customerId);
        assertThat(opportunity(id(first))).containsEntry("Name", "Shopify order " + id(first))
                .containsEntry("StageName", "New Order");   // the merchant's sales record stays
        JsonNode audit = PrivacyRequests.json(audits(customerId).get(0).value());
        assertThat(audit.path("changes")).hasSize(4); // Contact, Account, two Opportunities
        assertThat(audit.toString()).doesNotContain(personal.values().toArray(String[]::new));
        Map<String, List<Map<String, Object>>> after = snapshot();

        // delivered again (Shopify retries): same end state, no write, a second audit record saying so
        long composites = SALESFORCE.apiCalls("/composite");
        assertThat(shopify().redeliver(delivery).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> audits(customerId).size() == 2);
        assertThat(PrivacyRequests.json(audits(customerId).get(1).value()).path("changes")).isEmpty();
        assertThat(SALESFORCE.apiCalls("/composite") - composites).as("the read only").isEqualTo(1);
        assertThat(snapshot()).isEqualTo(after);
        assertThat(deadLetters(customerId)).isEmpty();
    }

    @Test
    void aRedactAlsoRemovesWhatCustomerEventsWroteAndLeavesTheConsentFlag() throws Exception {
        Map<String, String> personal = new java.util.LinkedHashMap<>(PrivacyRequests.personalValues(nonce()));
        personal.put("note", "Note" + nonce());
        String customerId = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60));
        ObjectNode customer = (ObjectNode) PrivacyRequests.json(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/shopify/webhooks-2026-07/customers__create.json")));
        customer.put("id", Long.parseLong(customerId)).put("first_name", personal.get("first_name"))
                .put("last_name", personal.get("last_name")).put("email", personal.get("email"))
                .put("phone", personal.get("phone")).put("note", personal.get("note"));
        ObjectNode address = (ObjectNode) customer.get("default_address");
        for (String f : List.of("first_name", "last_name", "company", "address1", "address2", "city", "zip", "phone")) {
            address.put(f, personal.get(f));
        }
        assertThat(shopify().send("customers/create", customer).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> SALESFORCE.find("Contact", "External_Shopify_ID__c", customerId).isPresent());
        assertThat(PrivacyRequests.occurrences(SALESFORCE, personal.values())).as("synced before the redact")
                .anySatisfy(o -> assertThat(o).contains("MailingStreet")).anySatisfy(o -> assertThat(o).contains("Description"));

        byte[] redact = PrivacyRequests.payload("customers__redact.json", SHOP, customerId, personal.get("email"),
                personal.get("phone"), "orders_to_redact", List.of());
        assertThat(shopify().send("customers/redact", redact).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> audits(customerId).size() == 1);
        assertThat(PrivacyRequests.occurrences(SALESFORCE, personal.values())).as("personal values left in Salesforce").isEmpty();
        assertThat(SALESFORCE.find("Contact", "External_Shopify_ID__c", customerId).orElseThrow())
                .containsEntry("LastName", "Redacted").containsEntry("HasOptedOutOfEmail", true);
    }

    @Test
    void aDataRequestExportsExactlyThatCustomersRecords() throws Exception {
        Map<String, String> personal = PrivacyRequests.personalValues(nonce());
        ObjectNode order = syncOrder(PrivacyRequests.withBuyer(orders.companyOrder(), personal));
        Map<String, String> otherPersonal = PrivacyRequests.personalValues(nonce());
        ObjectNode other = syncOrder(PrivacyRequests.withBuyer(orders.companyOrder(), otherPersonal));
        String customerId = order.at("/customer/id").asText();
        byte[] request = PrivacyRequests.payload("customers__data_request.json", SHOP, customerId, personal.get("email"),
                personal.get("phone"), "orders_requested", List.of(id(order)));
        long calls = SALESFORCE.apiCalls();

        assertThat(shopify().send("customers/data_request", request).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !exports(customerId).isEmpty());
        JsonNode export = PrivacyRequests.json(exports(customerId).get(0).value());
        assertThat(export.path("type").asText()).isEqualTo("data_request");
        JsonNode records = export.path("salesforce");
        assertThat(records.path("Contact")).singleElement().satisfies(c -> {
            assertThat(c.path("External_Shopify_ID__c").asText()).isEqualTo(customerId);
            assertThat(c.path("Email").asText()).isEqualTo(personal.get("email"));
            assertThat(c.path("FirstName").asText()).isEqualTo(personal.get("first_name"));
        });
        assertThat(records.path("Account")).singleElement().satisfies(a ->
                assertThat(a.path("BillingCity").asText()).isEqualTo(personal.get("city")));
        assertThat(records.path("Opportunity")).singleElement().satisfies(o ->
                assertThat(o.path("External_Shopify_Order_ID__c").asText()).isEqualTo(id(order)));
        assertThat(export.toString()).as("another customer's data").doesNotContain(otherPersonal.values().toArray(String[]::new))
                .doesNotContain(id(other));
        assertThat(SALESFORCE.apiCalls() - calls).as("one read, no write").isEqualTo(1);
        assertThat(PrivacyRequests.occurrences(SALESFORCE, personal.values())).as("nothing changed").isNotEmpty();
    }

    // ---- helpers ----

    private static Map<String, Object> opportunity(String orderId) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId).orElseThrow();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String customerId) {
        return readAll(DEAD_LETTER_TOPIC).stream().filter(r -> customerId.equals(r.key())
                && PRIVACY_TOPIC.equals(headers(r).get("storelink-source-topic"))).toList();
    }

    private static Map<String, List<Map<String, Object>>> snapshot() {
        return PrivacyRequests.OBJECTS.stream().collect(java.util.stream.Collectors.toMap(o -> o, SALESFORCE::records));
    }
}

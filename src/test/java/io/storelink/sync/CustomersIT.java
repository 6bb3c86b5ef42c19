package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * customers/create, customers/update and customers/delete end to end: Shopify's sample payloads over HTTP with their
 * HMAC, the embedded broker (the orders topic, the customer's key), the orders writer, camel-salesforce against the
 * Salesforce fake. customers/delete in mark mode here (leave, the default, makes no call: the orders route test).
 */
@TestPropertySource(properties = "storelink.mapping.customer.on-delete=mark")
class CustomersIT extends BridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("src/test/resources/shopify/webhooks-2026-07");

    @BeforeEach
    void writerIdle() {
        awaitWriterIdle();
    }

    @Test
    void aNewCustomerBecomesItsAccountAndContactAndARepeatedDeliveryChangesNothing() throws Exception {
        long id = newId();
        ObjectNode created = customer("customers__create.json", id, Instant.now());
        WebhookSender.Delivery delivery = shopify().prepare("customers/create", OrderFactory.bytes(created));
        long calls = SALESFORCE.apiCalls();

        deliver(delivery);

        Map<String, Object> contact = contact(id).orElseThrow();
        Map<String, Object> account = SALESFORCE.find("Account", "External_Shopify_Account_ID__c", "shop_cust_" + id).orElseThrow();
        assertThat(contact).containsEntry("FirstName", "Bob").containsEntry("LastName", "Biller")
                .containsEntry("Email", "bob@biller.com").containsEntry("Phone", "555-555-5555")
                .containsEntry("MailingStreet", "151 O'Connor Street").containsEntry("MailingCity", "Ottawa")
                .containsEntry("Description", "This customer loves ice cream")
                .containsEntry("HasOptedOutOfEmail", true) // Shopify's sample has no email marketing consent
                .containsEntry("AccountId", account.get("Id"));
        assertThat(account).containsEntry("Name", "Bob Biller").containsEntry("BillingCity", "Ottawa");
        // a customer created after the writer took its partition cannot be in Salesforce yet: no version read
        assertThat(SALESFORCE.apiCalls() - calls).as("Salesforce calls for a new customer").isEqualTo(1);

        long before = SALESFORCE.apiCalls();
        redeliver(delivery);
        assertThat(SALESFORCE.apiCalls() - before).as("the same version again: known, skipped without a call").isZero();
        assertThat(count("Contact", "External_Shopify_ID__c", Long.toString(id))).isEqualTo(1);
        assertThat(count("Account", "External_Shopify_Account_ID__c", "shop_cust_" + id)).isEqualTo(1);
    }

    @Test
    void anOlderUpdateDeliveredLateNeverOverwritesANewerOne() throws Exception {
        long id = newId();
        Instant created = Instant.now().minus(30, ChronoUnit.DAYS); // before the partition was assigned: versions are read
        ObjectNode older = customer("customers__update.json", id, created);
        ObjectNode newer = customer("customers__update.json", id, created.plusSeconds(60));
        newer.put("last_name", "Biller-Newer");
        newer.putObject("email_marketing_consent").put("state", "subscribed").put("opt_in_level", "single_opt_in");

        deliver(shopify().prepare("customers/update", OrderFactory.bytes(newer)));
        deliver(shopify().prepare("customers/update", OrderFactory.bytes(older)));

        assertThat(contact(id).orElseThrow()).containsEntry("LastName", "Biller-Newer").containsEntry("HasOptedOutOfEmail", false);
        assertThat(count("Contact", "External_Shopify_ID__c", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void aCustomerAndTheirOrdersShareOneAccountAndContact() throws Exception {
        long id = newId();
        deliver(shopify().prepare("customers/create", OrderFactory.bytes(customer("customers__create.json", id, Instant.now()))));
        ObjectNode order = orders.companyOrder();
        ((ObjectNode) order.get("customer")).put("id", id);

        deliver(shopify().prepare("orders/create", OrderFactory.bytes(order)));

        Map<String, Object> contact = contact(id).orElseThrow();
        Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c",
                order.get("id").asText()).orElseThrow();
        assertThat(opportunity).containsEntry("ContactId", contact.get("Id")).containsEntry("AccountId", contact.get("AccountId"));
        assertThat(contact).as("the order leaves what only the customer event writes")
                .containsEntry("HasOptedOutOfEmail", true).containsEntry("Description", "This customer loves ice cream");
        assertThat(count("Contact", "External_Shopify_ID__c", Long.toString(id))).isEqualTo(1);
        assertThat(count("Account", "External_Shopify_Account_ID__c", "shop_cust_" + id)).isEqualTo(1);
    }

    @Test
    void aDeletionMarksTheContactAndNeverCreatesOne() throws Exception {
        long id = newId();
        long unknown = newId();
        Instant created = Instant.now().minus(1, ChronoUnit.DAYS);
        deliver(shopify().prepare("customers/create", OrderFactory.bytes(customer("customers__create.json", id, created))));

        deliver(shopify().prepare("customers/delete", deletion(id)), shopify().prepare("customers/delete", deletion(unknown)));
        assertThat(contact(id).orElseThrow()).containsEntry("Shopify_Customer_Deleted__c", true)
                .as("the rest of the Contact stays").containsEntry("LastName", "Biller");
        assertThat(contact(unknown)).as("no Contact is made for a customer Salesforce never had").isEmpty();

        ObjectNode late = customer("customers__update.json", id, created.plusSeconds(1)); // older than the deletion
        late.put("last_name", "Late");
        deliver(shopify().prepare("customers/update", OrderFactory.bytes(late)));
        assertThat(contact(id).orElseThrow()).containsEntry("LastName", "Biller").containsEntry("Shopify_Customer_Deleted__c", true);
    }

    /** Delivers like Shopify and waits until the orders writer has settled each delivery. */
    private void deliver(WebhookSender.Delivery... deliveries) throws Exception {
        WriterRecords done = WriterRecords.watch(camel, deliveries.length, java.util.Arrays.stream(deliveries)
                .map(WebhookSender.Delivery::webhookId).collect(java.util.stream.Collectors.toSet()));
        for (WebhookSender.Delivery d : deliveries) {
            assertThat(shopify().deliver(d).statusCode()).as(d.topic()).isEqualTo(200);
        }
        assertThat(done.matches(30, TimeUnit.SECONDS)).as("writer settled the deliveries").isTrue();
    }

    private void redeliver(WebhookSender.Delivery d) throws Exception {
        WriterRecords done = WriterRecords.watch(camel, 1, java.util.Set.of(d.webhookId()));
        assertThat(shopify().redeliver(d).statusCode()).isEqualTo(200);
        assertThat(done.matches(30, TimeUnit.SECONDS)).as("writer settled the redelivery").isTrue();
    }

    /** Shopify's sample payload of the topic as customer {@code id}, created and updated at {@code at}. */
    private static ObjectNode customer(String sample, long id, Instant at) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve(sample)));
        c.put("id", id);
        c.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
        c.put("created_at", at.toString());
        c.put("updated_at", at.toString());
        ((ObjectNode) c.get("default_address")).put("customer_id", id);
        return c;
    }

    private static byte[] deletion(long id) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve("customers__delete.json")));
        d.put("id", id);
        d.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
        return OrderFactory.bytes(d);
    }

    private static Optional<Map<String, Object>> contact(long id) {
        return SALESFORCE.find("Contact", "External_Shopify_ID__c", Long.toString(id));
    }

    private static long count(String sObject, String field, String value) {
        return SALESFORCE.records(sObject).stream().filter(r -> value.equals(String.valueOf(r.get(field)))).count();
    }

    private static long newId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000_000L);
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.BackfillSteps;
import io.storelink.fakes.shopify.OrderFactory;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
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

        ProducerTemplate template = camel.createProducerTemplate();
        Exchange run = template.send("direct:backfill", e -> {
            e.getMessage().setHeader(BackfillSteps.SINCE, YEAR.toString());
            e.getMessage().setHeader(BackfillSteps.UNTIL, "2020-01-01T00:00:00Z");
        });

        assertThat(run.getException()).isNull();
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
            Exchange run = camel.createProducerTemplate().send("direct:backfill", e -> {
                e.getMessage().setHeader(BackfillSteps.SINCE, REFUSED_YEAR.toString());
                e.getMessage().setHeader(BackfillSteps.UNTIL, "2019-01-01T00:00:00Z");
            });
            assertThat(run.getException()).isNull();
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
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.FieldType;
import io.storelink.fakes.shopify.OrderFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A custom field mapped in YAML that the org does not have: health is DOWN from start-up naming object, field and
 * fix, an order waits in Kafka (nothing written, nothing dead-lettered), and once an admin creates the field the
 * order lands with it.
 */
@TestPropertySource(properties = {
        "storelink.salesforce.pause.limit-probe=300ms",   // how soon a fixed org is checked again
        "storelink.mapping.opportunity.fields.Shopify_Tags__c=tags"})
class BrokenMappingIT extends BridgeTestSupport {

    @Override
    @BeforeEach
    void awaitMappingChecked() {
        // checked, and found broken: that is this test's start
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "DOWN".equals(health().path("status").asText()));
    }

    @Test
    void healthNamesTheMissingFieldOrdersWaitAndLandOnceTheFieldExists() throws Exception {
        assertThat(health().path("details").path("class").asText()).isEqualTo("MAPPING");
        assertThat(health().path("details").path("reason").asText())
                .contains("Opportunity.Shopify_Tags__c", "storelink.mapping.opportunity.fields.Shopify_Tags__c")
                .contains("Fix: create a Text(255) field Shopify_Tags__c on Opportunity");
        long deadLetters = TopicRecords.count(kafka.getBrokersAsString(), DEAD_LETTER_TOPIC);

        ObjectNode order = new OrderFactory(12).nextOrder();
        order.put("tags", "vip, wholesale");
        String id = order.get("id").asText();
        assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);

        Thread.sleep(3000); // the writer polls it and hands it back: nothing written, nothing dead-lettered
        assertThat(opportunity(id)).isEmpty();
        assertThat(TopicRecords.count(kafka.getBrokersAsString(), DEAD_LETTER_TOPIC)).isEqualTo(deadLetters);

        SALESFORCE.schema().addField("Opportunity", "Shopify_Tags__c", FieldType.STRING, false);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !opportunity(id).isEmpty());
        assertThat(opportunity(id).get(0)).containsEntry("Shopify_Tags__c", "vip, wholesale");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(health().path("status").asText()));
        assertThat(TopicRecords.count(kafka.getBrokersAsString(), DEAD_LETTER_TOPIC)).isEqualTo(deadLetters);
    }

    private static List<Map<String, Object>> opportunity(String orderId) {
        return SALESFORCE.records("Opportunity").stream()
                .filter(r -> orderId.equals(String.valueOf(r.get("External_Shopify_Order_ID__c")))).toList();
    }

    private JsonNode health() throws Exception {
        return salesforceHealth(port);
    }
}

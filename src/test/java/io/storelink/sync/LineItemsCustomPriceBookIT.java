package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Lines priced in a custom price book (storelink.mapping.line-items.price-book): the Opportunity is in that book, each
 * product gets its standard price first (Salesforce refuses a custom price before it: STANDARD_PRICE_NOT_DEFINED, which
 * the fake enforces), and a product's entries are created once.
 */
@TestPropertySource(properties = {"storelink.mapping.line-items.enabled=true", "storelink.mapping.line-items.price-book=Wholesale"})
class LineItemsCustomPriceBookIT extends BridgeTestSupport {

    static {
        wholesale(); // before the start-up mapping check reads the price books
    }

    @BeforeEach
    void priceBookAndIdleWriter() throws Exception {
        if (SALESFORCE.find("Pricebook2", "Name", "Wholesale").isEmpty()) { // another test class cleared the org
            wholesale();
            mappingCheck.recheck();
        }
        awaitWriterIdle();
    }

    @Test
    void linesArePricedInTheCustomBookAfterTheirStandardPrice() throws Exception {
        ObjectNode first = orders.companyOrder();
        deliverAndAwait(first);
        String book = SALESFORCE.find("Pricebook2", "Name", "Wholesale").orElseThrow().get("Id").toString();
        Map<String, Object> opportunity = SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", first.get("id").asText()).orElseThrow();
        assertThat(opportunity).containsEntry("Pricebook2Id", book);
        var lines = SALESFORCE.records("OpportunityLineItem").stream().filter(l -> opportunity.get("Id").equals(l.get("OpportunityId"))).toList();
        assertThat(lines).hasSize(first.get("line_items").size()).allSatisfy(l -> {
            Map<String, Object> entry = SALESFORCE.find("PricebookEntry", "Id", l.get("PricebookEntryId")).orElseThrow();
            assertThat(entry).containsEntry("Pricebook2Id", book).containsEntry("UseStandardPrice", false);
            assertThat(SALESFORCE.records("PricebookEntry")).as("its standard price")
                    .anyMatch(e -> e.get("Product2Id").equals(entry.get("Product2Id")) && SALESFORCE.standardPriceBookId().equals(e.get("Pricebook2Id")));
        });

        // the same customer orders the same products again: no new products or entries
        ObjectNode second = orders.orderForCustomer(first);
        second.set("line_items", first.get("line_items").deepCopy());
        second.withArray("line_items").forEach(l -> ((ObjectNode) l).put("id", l.get("id").asLong() + 1_000_000));
        long entries = SALESFORCE.count("PricebookEntry");
        long products = SALESFORCE.count("Product2");
        deliverAndAwait(second);
        assertThat(SALESFORCE.count("PricebookEntry")).isEqualTo(entries);
        assertThat(SALESFORCE.count("Product2")).isEqualTo(products);
        assertThat(readAll(DEAD_LETTER_TOPIC)).isEmpty();
    }

    private void deliverAndAwait(ObjectNode order) throws Exception {
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));
        WriterRecords done = WriterRecords.watch(camel, 1, Set.of(delivery.webhookId()));
        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);
        assertThat(done.matches(60, TimeUnit.SECONDS)).as("writer finished").isTrue();
    }

    private static void wholesale() {
        SALESFORCE.insert("Pricebook2", Map.of("Name", "Wholesale", "IsActive", true));
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.fulfillments.OpportunityNotYetInSalesforceException;
import io.storelink.orderchanges.OrderNotInShopifyException;
import io.storelink.shopify.PoisonPayloadException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * refunds/create and orders/delete with the shipped options (orders/delete closes) and a refunded stage configured:
 * the absolute total refunded, the stage only once fully refunded, the wait for a missing Opportunity, the close.
 */
class OrderChangesToSalesforceRouteTest extends OrderChangesRouteFixture {

    @Override
    Map<String, Object> options() {
        return Map.of("storelink.mapping.opportunity.refunded-stage-name", "Closed Lost");
    }

    @Test
    void refundWritesTheOrdersTotalRefundedFromShopifyThenCommits() throws Exception {
        opportunityExists(true);
        orderTotals("30.00", "199.98");
        query.expectedHeaderReceived("sObjectQuery",
                "SELECT Id FROM Opportunity WHERE External_Shopify_Order_ID__c = '" + ORDER_ID + "'");

        Exchange result = consume("refunds/create", sample("refunds/create"));

        query.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        JsonNode patch = sentSubrequest();
        assertThat(patch.path("method").asText()).isEqualTo("PATCH");
        assertThat(patch.path("url").asText()).endsWith("/sobjects/Opportunity/" + OPPORTUNITY_ID);
        // the order's total from Shopify, not the sample refund's own amounts: nothing else, the stage untouched
        assertThat(patch.path("body").properties()).singleElement().satisfies(f -> {
            assertThat(f.getKey()).isEqualTo("Shopify_Total_Refunded__c");
            assertThat(f.getValue().decimalValue()).isEqualByComparingTo("30.00");
        });
        assertThat(shopifyCalls).hasValue(1);
        assertThat(commits).containsExactly("committed");
        assertThat(orders("written")).isEqualTo(1);
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void fullyRefundedOrderGetsTheRefundedStage() {
        opportunityExists(true);
        orderTotals("199.98", "199.98");

        consume("refunds/create", sample("refunds/create"));

        JsonNode body = sentSubrequest().path("body");
        assertThat(body.path("Shopify_Total_Refunded__c").decimalValue()).isEqualByComparingTo("199.98");
        assertThat(body.path("StageName").asText()).isEqualTo("Closed Lost");
        assertThat(commits).containsExactly("committed");
    }

    @Test
    void refundOfAnOrderNotInSalesforceYetIsRetriedAsTransientThenDeadLettered() {
        opportunityExists(false);
        orderTotals("30.00", "199.98");

        consume("refunds/create", sample("refunds/create"));

        // each redelivery queries Salesforce again: the order's event may have arrived meanwhile
        assertThat(query.getReceivedCounter()).isEqualTo(6);
        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(OpportunityNotYetInSalesforceException.class));
        assertThat(shopifyCalls).as("no Shopify call before the Opportunity is there").hasValue(0);
        assertThat(composite.getReceivedCounter()).isZero();
    }

    @Test
    void refundOfAnOrderShopifyDoesNotHaveIsDeadLetteredAtOnce() throws Exception {
        opportunityExists(true);
        shopify.answer("order-refunded", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"order\":null}"));

        consume("refunds/create", sample("refunds/create"));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(OrderNotInShopifyException.class));
        assertThat(shopifyCalls).hasValue(1);
        assertThat(composite.getReceivedCounter()).isZero();
    }

    @Test
    void refundWithoutAnOrderIdIsDeadLetteredWithoutCallingAnything() {
        consume("refunds/create", "{\"id\":890088186047892319,\"note\":\"no order here\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).isInstanceOf(PoisonPayloadException.class)
                .hasMessageContaining("no order_id"));
        assertThat(query.getReceivedCounter() + composite.getReceivedCounter() + shopifyCalls.get()).isZero();
    }

    @Test
    void deletedOrderClosesItsOpportunityWithAReasonAndTheDeletionAsTheOrderVersion() {
        opportunityExists(true);

        Exchange result = consume("orders/delete", sample("orders/delete"));

        assertThat(result.getException()).isNull();
        JsonNode patch = sentSubrequest();
        assertThat(patch.path("method").asText()).isEqualTo("PATCH");
        assertThat(patch.path("url").asText()).endsWith("/sobjects/Opportunity/" + OPPORTUNITY_ID);
        assertThat(patch.path("body").path("StageName").asText()).isEqualTo("Closed Lost");
        assertThat(patch.path("body").path("Description").asText()).isEqualTo("Deleted in Shopify on 2026-07-01");
        assertThat(patch.path("body").path("Shopify_Updated_At__c").asText()).startsWith("2026-07-01T12:00");
        assertThat(shopifyCalls).hasValue(0);
        assertThat(commits).containsExactly("committed");
        assertThat(orders("written")).isEqualTo(1);
    }

    @Test
    void deletedOrderWithoutAnOpportunityIsDone() throws Exception {
        opportunityExists(false);
        composite.expectedMessageCount(0);

        Exchange result = consume("orders/delete", sample("orders/delete"));

        MockEndpoint.assertIsSatisfied(composite);
        assertThat(result.getException()).isNull();
        assertThat(query.getReceivedCounter()).as("not retried").isEqualTo(1);
        assertThat(commits).containsExactly("committed");
        assertThat(orders("skipped_gone")).isEqualTo(1);
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.ShopifyAdminException;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * orders/edited (Shopify's sample payload: only the edit) from the fulfillments topic: the order read through the Admin
 * API goes on the orders topic, webhook-shaped and keyed by customer, for the orders writer; no Salesforce call here.
 */
class OrderEditsRouteTest extends OrderChangesRouteFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER_ID = "115310627314723954";

    @Override
    Map<String, Object> options() {
        return Map.of();
    }

    @Test
    void theEditedOrderGoesOnTheOrdersTopicKeyedByCustomerThenTheEditIsCommitted() throws Exception {
        shopify.answer("order-for-sync", JSON.readTree("""
                {"order":{"legacyResourceId":"%s","name":"#1001","number":1,"updatedAt":"2026-07-01T12:00:05Z",
                  "createdAt":"2026-06-30T09:00:00Z","currencyCode":"USD","displayFinancialStatus":"PAID",
                  "totalPriceSet":{"shopMoney":{"amount":"42.00","currencyCode":"USD"}},
                  "customer":{"legacyResourceId":"%s","firstName":"Ada","lastName":"Lovelace"},
                  "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/78643924236718232","sku":"SKU-2","title":"Mug",
                    "quantity":2,"originalUnitPriceSet":{"shopMoney":{"amount":"21.00"}}}]}}}""".formatted(ORDER_ID, CUSTOMER_ID)));
        ordersTopic.expectedMessageCount(1);
        ordersTopic.expectedHeaderReceived(KafkaConstants.KEY, CUSTOMER_ID);
        ordersTopic.expectedHeaderReceived(ShopifyHeaders.SOURCE, "order-edit");
        ordersTopic.expectedHeaderReceived(ShopifyHeaders.TOPIC, "orders/edited");

        Exchange result = consume("orders/edited", sample("orders/edited"));

        MockEndpoint.assertIsSatisfied(ordersTopic);
        assertThat(result.getException()).isNull();
        JsonNode order = JSON.readTree(ordersTopic.getExchanges().get(0).getMessage().getBody(byte[].class));
        assertThat(order.path("id").asText()).isEqualTo(ORDER_ID);
        assertThat(order.path("updated_at").asText()).as("the order's version, for the writer's check").isEqualTo("2026-07-01T12:00:05Z");
        assertThat(order.path("total_price").asText()).isEqualTo("42.00");
        assertThat(order.path("line_items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(shopifyCalls).hasValue(1);
        assertThat(query.getReceivedCounter() + composite.getReceivedCounter()).as("no Salesforce call here").isZero();
        assertThat(commits).containsExactly("committed");
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void anEditOfAnOrderShopifyNoLongerHasIsSkippedAndCommittedNotRetried() throws Exception {
        shopify.answer("order-for-sync", JSON.readTree("{\"order\":null}"));

        Exchange result = consume("orders/edited", sample("orders/edited"));

        assertThat(result.getException()).isNull();
        assertThat(shopifyCalls).as("not retried").hasValue(1);
        assertThat(ordersTopic.getReceivedCounter()).isZero();
        assertThat(deadLetters.getReceivedCounter()).isZero();
        assertThat(commits).containsExactly("committed");
        assertThat(orders("skipped_gone")).isEqualTo(1);
    }

    @Test
    void shopifyUnreachableIsTransientRetriedThenDeadLettered() {
        shopify.fail("order-for-sync", new ShopifyAdminException("Shopify Admin API answered HTTP 503 to OrderForSync"));

        consume("orders/edited", sample("orders/edited"));

        assertThat(shopifyCalls).as("1 attempt + 5 redeliveries").hasValue(6);
        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(ShopifyAdminException.class));
        assertThat(ordersTopic.getReceivedCounter()).isZero();
    }

    @Test
    void anEditWithoutAnOrderIdIsDeadLetteredWithoutCallingShopify() {
        consume("orders/edited", "{\"order_edit\":{\"id\":78912328793123782}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).hasMessageContaining("no order_edit.order_id"));
        assertThat(shopifyCalls).hasValue(0);
        assertThat(ordersTopic.getReceivedCounter()).isZero();
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.config.ShopifySettings;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.shipment.ShipmentConfirmation;
import io.storelink.shipment.ShipmentConfirmationSettings;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import io.storelink.shopify.admin.ShopifyHealth;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/shipment-confirmation.camel.yaml with the real ShipmentConfirmation bean over a canned Shopify Admin client
 * and in-memory checkpoints; Salesforce's tracking-version query and the fulfillments topic are mocks. Only
 * fulfillments newer than what the Opportunity shows are published, as fulfillments/update events.
 */
class ShipmentConfirmationRouteTest extends RouteTestSupport {

    private static final String SHOWN = "450789469";
    private static final String NOT_SHOWN = "450789470";

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ShopifyHealth shopifyHealth = new ShopifyHealth();
    private final MemoryCheckpoints checkpoints = new MemoryCheckpoints();
    private MockEndpoint fulfillmentsTopic;

    @BeforeEach
    void startRoute() throws Exception {
        // within the first run's look-back window (storelink.jobs.shipment-confirmation.look-back)
        Instant shown = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        Instant newer = shown.plus(1, ChronoUnit.HOURS);
        CannedShopifyAdmin shopify = new CannedShopifyAdmin(json).answer("fulfillments-updated-since", json.readTree("""
                {"orders":{"nodes":[
                  {"legacyResourceId":"%1$s","updatedAt":"%2$s","fulfillments":[{"legacyResourceId":"255858046","name":"#1001.1","status":"SUCCESS","updatedAt":"%2$s","trackingInfo":[{"company":"UPS","number":"1Z2345","url":"https://ups.example/1Z2345"}]}]},
                  {"legacyResourceId":"%3$s","updatedAt":"%4$s","fulfillments":[{"legacyResourceId":"255858047","name":"#1002.1","status":"SUCCESS","updatedAt":"%4$s","trackingInfo":[{"company":"DHL","number":"JD0146","url":null}]}]}
                ],"pageInfo":{"hasNextPage":false}}}""".formatted(SHOWN, shown, NOT_SHOWN, newer)));
        AppliedVersions trackingVersions = new AppliedVersions(json, "Opportunity", "External_Shopify_Order_ID__c",
                "Tracking_Updated_At__c");
        context.getRegistry().bind("trackingVersions", trackingVersions);
        context.getRegistry().bind("shopifyHealth", shopifyHealth);
        context.getRegistry().bind("shipmentConfirmation", new ShipmentConfirmation(shopify, checkpoints,
                settings("storelink.jobs.shipment-confirmation", ShipmentConfirmationSettings.class),
                settings("storelink.shopify", ShopifySettings.class),
                settings("storelink.shopify.admin", ShopifyAdminSettings.class), json, trackingVersions));
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "shipment-confirmation.camel.yaml");
        assertThat(endpointUri("shipment-confirmation", "publish-fulfillment")).isEqualTo("kafka:shopify.fulfillments");
        advise("shipment-confirmation", route -> {
            route.mockEndpointsAndSkip("salesforce:*");
            route.weaveById("publish-fulfillment").replace().to("mock:fulfillments-topic");
        });
        context.start();
        fulfillmentsTopic = getMockEndpoint("mock:fulfillments-topic");
        // the first order's Opportunity shows its fulfillment already, the second's an older one than its own
        getMockEndpoint("mock:salesforce:query").whenAnyExchangeReceived(e -> e.getMessage().setBody("""
                {"totalSize":2,"done":true,"records":[
                  {"External_Shopify_Order_ID__c":"%s","Tracking_Updated_At__c":"%s"},
                  {"External_Shopify_Order_ID__c":"%s","Tracking_Updated_At__c":"%s"}]}"""
                .formatted(SHOWN, shown, NOT_SHOWN, shown).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void publishesFulfillmentsTheOpportunityDoesNotShowThenMovesTheCheckpoint() throws Exception {
        fulfillmentsTopic.expectedMessageCount(1);
        fulfillmentsTopic.expectedHeaderReceived(KafkaConstants.KEY, NOT_SHOWN);
        fulfillmentsTopic.expectedHeaderReceived(ShopifyHeaders.TOPIC, "fulfillments/update");
        fulfillmentsTopic.expectedHeaderReceived(ShopifyHeaders.SOURCE, "shipment-confirmation");
        Instant before = Instant.now().minusSeconds(1);

        Exchange run = template.send("direct:shipment-confirmation", e -> { });

        fulfillmentsTopic.assertIsSatisfied();
        assertThat(run.getException()).isNull();
        // webhook-shaped, as the fulfillment writer reads a fulfillments/update delivery
        JsonNode published = json.readTree(fulfillmentsTopic.getExchanges().get(0).getMessage().getBody(byte[].class));
        assertThat(published.path("order_id").asText()).isEqualTo(NOT_SHOWN);
        assertThat(published.path("tracking_number").asText()).isEqualTo("JD0146");
        assertThat(checkpoints.written.get("shipment-confirmation")).isAfter(before);
        assertThat(shopifyHealth.health().getDetails().get("shipment-confirmation").toString()).startsWith("ok");
    }

    @Test
    void fulfillmentThatCouldNotBePublishedKeepsTheCheckpoint() {
        fulfillmentsTopic.whenAnyExchangeReceived(e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s) for shopify.fulfillments-0");
        });

        Exchange run = template.send("direct:shipment-confirmation", e -> { });

        assertThat(run.getException()).isNull();
        assertThat(checkpoints.written).isEmpty();
        assertThat(shopifyHealth.health().getDetails()).doesNotContainKey("shipment-confirmation");
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.ShopifySettings;
import io.storelink.reconciliation.Reconciliation;
import io.storelink.reconciliation.ReconciliationSettings;
import io.storelink.reconciliation.WebhookSubscriptionCheck;
import io.storelink.shopify.subscriptions.WebhookSubscriptions;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.ShopifyAccessException;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import io.storelink.shopify.admin.ShopifyHealth;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/reconciliation.camel.yaml with the real Reconciliation and WebhookSubscriptionCheck beans over a canned
 * Shopify Admin client and in-memory checkpoints; Salesforce's version query and the orders topic are mocks. Only
 * orders Salesforce does not have in their version are published; the checkpoint moves only after all were.
 */
class ReconciliationRouteTest extends RouteTestSupport {

    private static final String IN_SALESFORCE = "820982911946154508";
    private static final String MISSING = "820982911946154509";

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ShopifyHealth shopifyHealth = new ShopifyHealth();
    private final MemoryCheckpoints checkpoints = new MemoryCheckpoints();
    private CannedShopifyAdmin shopify;
    private MockEndpoint versionQuery;
    private MockEndpoint ordersTopic;

    @BeforeEach
    void startRoute() throws Exception {
        shopify = new CannedShopifyAdmin(json)
                .answer("webhook-subscriptions", json.readTree("""
                        {"webhookSubscriptions":{"nodes":[{"topic":"ORDERS_CREATE"},{"topic":"ORDERS_UPDATED"}],"pageInfo":{"hasNextPage":false}}}"""))
                .answer("orders-updated-since", json.readTree("""
                        {"orders":{"nodes":[
                          {"legacyResourceId":"%s","number":1001,"updatedAt":"2026-07-01T10:00:00Z","customer":{"legacyResourceId":"115310627314723954"},"lineItems":{"nodes":[]}},
                          {"legacyResourceId":"%s","number":1002,"updatedAt":"2026-07-01T11:00:00Z","lineItems":{"nodes":[]}}
                        ],"pageInfo":{"hasNextPage":false}}}""".formatted(IN_SALESFORCE, MISSING)));
        ReconciliationSettings settings = settings("storelink.jobs.reconciliation", ReconciliationSettings.class);
        AppliedVersions orderVersions = new AppliedVersions(json, "Opportunity", "External_Shopify_Order_ID__c",
                "Shopify_Updated_At__c");
        context.getRegistry().bind("orderVersions", orderVersions);
        context.getRegistry().bind("shopifyHealth", shopifyHealth);
        context.getRegistry().bind("webhookSubscriptionCheck",
                new WebhookSubscriptionCheck(new WebhookSubscriptions(shopify), shopifyHealth, settings, new SimpleMeterRegistry()));
        context.getRegistry().bind("reconciliation", new Reconciliation(shopify, checkpoints, settings,
                settings("storelink.shopify", ShopifySettings.class),
                settings("storelink.shopify.admin", ShopifyAdminSettings.class), json, orderVersions));
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "reconciliation.camel.yaml");
        assertThat(endpointUri("reconciliation", "publish-order")).isEqualTo("kafka:shopify.orders");
        advise("reconciliation", route -> {
            route.mockEndpointsAndSkip("salesforce:*");
            route.weaveById("publish-order").replace().to("mock:orders-topic");
        });
        context.start();
        versionQuery = getMockEndpoint("mock:salesforce:query");
        ordersTopic = getMockEndpoint("mock:orders-topic");
        // Salesforce has the first order in this version, not the second
        versionQuery.whenAnyExchangeReceived(e -> e.getMessage().setBody("""
                {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Opportunity"},"External_Shopify_Order_ID__c":"%s","Shopify_Updated_At__c":"2026-07-01T10:00:00.000+0000"}]}"""
                .formatted(IN_SALESFORCE).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void publishesOnlyWhatSalesforceLacksThenMovesTheCheckpoint() throws Exception {
        versionQuery.expectedMessageCount(1);
        versionQuery.expectedHeaderReceived("sObjectQuery", "SELECT External_Shopify_Order_ID__c, Shopify_Updated_At__c "
                + "FROM Opportunity WHERE External_Shopify_Order_ID__c IN ('" + IN_SALESFORCE + "','" + MISSING + "')");
        ordersTopic.expectedMessageCount(1);
        // a guest order: keyed by its order id, like its webhook
        ordersTopic.expectedHeaderReceived(KafkaConstants.KEY, MISSING);
        ordersTopic.expectedHeaderReceived(ShopifyHeaders.TOPIC, "orders/updated");
        ordersTopic.expectedHeaderReceived(ShopifyHeaders.SOURCE, "reconciliation");
        Instant before = Instant.now().minusSeconds(1);

        Exchange run = template.send("direct:reconciliation", e -> { });

        MockEndpoint.assertIsSatisfied(versionQuery, ordersTopic);
        assertThat(run.getException()).isNull();
        byte[] published = ordersTopic.getExchanges().get(0).getMessage().getBody(byte[].class);
        assertThat(json.readTree(published).path("id").asText()).isEqualTo(MISSING);
        assertThat(checkpoints.written.get("reconciliation")).isAfter(before);
        assertThat(shopifyHealth.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(shopifyHealth.missingWebhooks()).contains("ORDERS_PAID", "FULFILLMENTS_CREATE")
                .doesNotContain("ORDERS_CREATE");
    }

    @Test
    void orderThatCouldNotBePublishedKeepsTheCheckpoint() {
        ordersTopic.whenAnyExchangeReceived(e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s) for shopify.orders-1");
        });

        Exchange run = template.send("direct:reconciliation", e -> { });

        // handled by the shopify-poller configuration: the next run reads the same window again
        assertThat(run.getException()).isNull();
        assertThat(checkpoints.written).isEmpty();
        assertThat(shopifyHealth.health().getDetails()).doesNotContainKey("reconciliation");
    }

    @Test
    void refusedScopeSkipsTheRunAndShowsInHealth() {
        shopify.fail("orders-updated-since", new ShopifyAccessException(
                "Shopify refused read_orders: grant the scope to the app", "read_orders"));

        Exchange run = template.send("direct:reconciliation", e -> { });

        assertThat(run.getException()).isNull();
        assertThat(ordersTopic.getReceivedCounter()).isZero();
        assertThat(checkpoints.written).isEmpty();
        assertThat(shopifyHealth.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(shopifyHealth.health().getDetails().get("reconciliation").toString()).contains("read_orders");
    }
}

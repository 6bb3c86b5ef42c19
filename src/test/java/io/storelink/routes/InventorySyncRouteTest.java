package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.SalesforceSettings;
import io.storelink.inventory.InventoryComparison;
import io.storelink.inventory.InventoryRun;
import io.storelink.inventory.InventorySettings;
import io.storelink.inventory.InventoryWrites;
import io.storelink.inventory.SalesforceProducts;
import io.storelink.inventory.ShopifyStock;
import io.storelink.inventory.UnmatchedProducts;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.shopify.admin.ShopifyHealth;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/inventory-sync.camel.yaml with the real inventory beans over a canned Shopify Admin client; Salesforce's
 * composite calls (one read, one write) are a mock answering Salesforce's shapes. Only changed quantities of
 * existing products are written; products without a Salesforce record are reported, never created.
 */
class InventorySyncRouteTest extends RouteTestSupport {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ShopifyHealth shopifyHealth = new ShopifyHealth();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SalesforceGate gate;
    private MockEndpoint composite;

    @BeforeEach
    void startRoute() throws Exception {
        CannedShopifyAdmin shopify = new CannedShopifyAdmin(json)
                .answer("locations", json.readTree("""
                        {"locations":{"nodes":[{"id":"gid://shopify/Location/1","legacyResourceId":"1","name":"Warehouse"}],"pageInfo":{"hasNextPage":false}}}"""))
                .answer("location-inventory", json.readTree("""
                        {"location":{"inventoryLevels":{"nodes":[
                          {"item":{"legacyResourceId":"11","sku":"SKU-A"},"quantities":[{"name":"available","quantity":5}]},
                          {"item":{"legacyResourceId":"12","sku":"SKU-B"},"quantities":[{"name":"available","quantity":3}]},
                          {"item":{"legacyResourceId":"13","sku":"SKU-C"},"quantities":[{"name":"available","quantity":7}]}
                        ],"pageInfo":{"hasNextPage":false}}}}"""));
        InventorySettings inventory = settings("storelink.jobs.inventory", InventorySettings.class);
        SalesforceSettings salesforce = settings("storelink.salesforce", SalesforceSettings.class);
        gate = salesforceGate();
        context.getRegistry().bind("salesforceGate", gate);
        context.getRegistry().bind("shopifyStock", new ShopifyStock(shopify, inventory));
        context.getRegistry().bind("salesforceProducts", new SalesforceProducts(inventory, salesforce));
        context.getRegistry().bind("inventoryComparison", new InventoryComparison());
        context.getRegistry().bind("unmatchedProducts", new UnmatchedProducts(inventory, meters));
        context.getRegistry().bind("inventoryWrites", new InventoryWrites(inventory, salesforce));
        context.getRegistry().bind("shopifyHealth", shopifyHealth);
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "inventory-sync.camel.yaml");
        advise("inventory-sync", route -> route.mockEndpointsAndSkip("salesforce:*"));
        context.start();
        composite = getMockEndpoint("mock:salesforce:composite");
        // the read: SKU-A already shows 5, SKU-B shows 1; SKU-C has no Product2
        composite.whenExchangeReceived(1, e -> e.getMessage().setBody(SalesforceAnswers.composite("""
                {"compositeResponse":[{"body":{"totalSize":2,"done":true,"records":[
                  {"attributes":{"type":"Product2"},"Id":"01t000000000001AAA","StockKeepingUnit":"SKU-A","Quantity_Available__c":5},
                  {"attributes":{"type":"Product2"},"Id":"01t000000000002AAA","StockKeepingUnit":"SKU-B","Quantity_Available__c":1}]},
                 "httpHeaders":{},"httpStatusCode":200,"referenceId":"read1"}]}""")));
        // the write: sObject Collections' per-record results
        composite.whenExchangeReceived(2, e -> e.getMessage().setBody(SalesforceAnswers.composite("""
                {"compositeResponse":[{"body":[{"id":"01t000000000002AAA","success":true,"errors":[]}],
                 "httpHeaders":{},"httpStatusCode":200,"referenceId":"update1"}]}""")));
    }

    @Test
    void writesOnlyChangedQuantitiesOfExistingProducts() throws Exception {
        composite.expectedMessageCount(2);

        Exchange run = template.send("direct:inventory-sync", e -> { });

        composite.assertIsSatisfied();
        assertThat(run.getException()).isNull();
        JsonNode write = SalesforceAnswers.asSent(composite.getExchanges().get(1).getMessage().getBody(SObjectComposite.class));
        assertThat(write.findValues("records")).singleElement().satisfies(records -> {
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("Id").asText()).isEqualTo("01t000000000002AAA");
            assertThat(records.get(0).path("Quantity_Available__c").asInt()).isEqualTo(3);
        });
        InventoryRun summary = run.getProperty(InventoryRun.PROPERTY, InventoryRun.class);
        assertThat(summary.getUpdated()).isEqualTo(1);
        assertThat(summary.getUnchanged()).isEqualTo(1);
        assertThat(summary.getUnmatched()).isEqualTo(1);
        assertThat(meters.get("storelink.inventory.unmatched").gauge().value()).isEqualTo(1);
        assertThat(shopifyHealth.health().getDetails().get("inventory-sync").toString()).startsWith("ok");
    }

    @Test
    void runIsSkippedWhileSalesforceWritesArePaused() {
        pause(gate, SalesforceAnswers.rest(403, "Forbidden", """
                [{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));

        Exchange run = template.send("direct:inventory-sync", e -> { });

        assertThat(run.getException()).isNull();
        assertThat(run.getProperty(InventoryRun.PROPERTY)).as("Shopify not read").isNull();
        assertThat(composite.getReceivedCounter()).isZero();
        assertThat(shopifyHealth.health().getDetails()).doesNotContainKey("inventory-sync");
    }
}

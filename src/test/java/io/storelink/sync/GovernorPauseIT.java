package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.SalesforceGate;
import org.apache.camel.builder.NotifyBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The governor in pause mode through the fulfillment writer: once Salesforce reports less than the reserve left, the
 * writer stops calling Salesforce (events wait in Kafka) until the recovery probe sees calls free up again.
 */
@TestPropertySource(properties = {
        "storelink.salesforce.governor.reserve=10",
        "storelink.salesforce.governor.mode=pause",
        "storelink.salesforce.pause.recheck=200ms"})
class GovernorPauseIT extends BridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITER = "fulfillments-to-salesforce";

    @Autowired
    SalesforceGate gate;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void otherIntegrationsIdle() {
        SALESFORCE.otherIntegrationsUsage(0);
    }

    @Test
    void writerPausesWithinTheReserveAndResumesWhenTheAllowanceFreesUp() throws Exception {
        SALESFORCE.resetCounters(); // the rolling 24 h hold this test's calls only, whatever ran before
        String first = opportunity();
        String held = opportunity();
        // other integrations used 14,000 of 15,000: under the 10 % reserve left
        SALESFORCE.otherIntegrationsUsage(14_000);

        // the first write goes out (nothing reported yet) and its answers show the reserve reached
        assertThat(shopify().deliver(fulfillment(first)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tracked(first));
        long writes = SALESFORCE.apiCalls("/composite");

        WebhookSender.Delivery next = fulfillment(held);
        NotifyBuilder handedBack = new NotifyBuilder(camel).fromRoute(WRITER)
                .filter(e -> next.webhookId().equals(e.getIn().getHeader("X-Shopify-Webhook-Id", String.class)))
                .whenFailed(2).create();
        assertThat(shopify().deliver(next).statusCode()).isEqualTo(200);

        assertThat(handedBack.matches(30, TimeUnit.SECONDS)).as("the held event given back to Kafka twice").isTrue();
        assertThat(SALESFORCE.apiCalls("/composite")).as("writes while paused").isEqualTo(writes);
        assertThat(tracked(held)).isFalse();
        assertThat(gate.current().detail()).contains("reserve");
        JsonNode health = salesforceHealth();
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/details/allowance/state").asText()).isEqualTo("PAUSED");
        assertThat(health.at("/details/allowance/limit").asLong()).isEqualTo(15_000);
        assertThat(health.at("/details/allowance/reserve").asLong()).isEqualTo(1_500);
        assertThat(meters.get("storelink.salesforce.api.reserve.active").gauge().value()).isEqualTo(1);

        SALESFORCE.otherIntegrationsUsage(0); // the rolling window freed their calls

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tracked(held));
        assertThat(gate.isPaused()).isFalse();
        health = salesforceHealth();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/allowance/state").asText()).isEqualTo("NORMAL");
        assertThat(meters.get("storelink.salesforce.api.reserve.active").gauge().value()).isZero();
    }

    /** An Opportunity of an order already in Salesforce; returns the Shopify order id. */
    private static String opportunity() {
        String orderId = String.valueOf(System.nanoTime());
        SALESFORCE.insert("Opportunity", Map.of("Name", "Shopify order " + orderId, "StageName", "New Order",
                "CloseDate", "2026-04-01", "External_Shopify_Order_ID__c", orderId));
        return orderId;
    }

    private WebhookSender.Delivery fulfillment(String orderId) {
        return shopify().prepare("fulfillments/create", OrderFactory.bytes(ShipmentConfirmationIT.fulfillment(
                System.nanoTime(), orderId, "success", "UPS", List.of("1Z" + orderId), Instant.now())));
    }

    private static boolean tracked(String orderId) {
        return SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", orderId)
                .map(o -> o.get("Tracking_Number__c") != null).orElse(false);
    }

    private JsonNode salesforceHealth() throws Exception {
        return BridgeTestSupport.salesforceHealth(port);
    }
}

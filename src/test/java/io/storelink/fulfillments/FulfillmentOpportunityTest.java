package io.storelink.fulfillments;

import io.storelink.salesforce.ErrorClass;
import io.storelink.salesforce.SalesforceErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.TestSettings;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The fulfillment writer's query answer: the Opportunity to update, its stored version, or "not there yet". */
class FulfillmentOpportunityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final FulfillmentOpportunity opportunity = new FulfillmentOpportunity(JSON, TestSettings.mapping());

    @Test
    void takesTheIdAndSkipsAnEventThatIsNotNewer() {
        Exchange event = event("2026-03-01T10:00:00Z");
        opportunity.aggregate(event, answer("""
                {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Opportunity"},"Id":"006000000000001AAA",
                 "Tracking_Updated_At__c":"2026-03-01T10:00:00.000+0000"}]}"""));

        assertThat(event.getException()).isNull();
        assertThat(event.getProperty(FulfillmentOpportunity.OPPORTUNITY_ID)).isEqualTo("006000000000001AAA");
        assertThat(opportunity.isAlreadyApplied(event)).as("same version again").isTrue();

        event.getIn().setBody(fulfillment("2026-03-01T10:00:01Z"));
        assertThat(opportunity.isAlreadyApplied(event)).as("a newer version").isFalse();
    }

    @Test
    void anOpportunityWithoutTrackingYetIsWritten() {
        Exchange event = event("2026-03-01T10:00:00Z");
        opportunity.aggregate(event, answer("""
                {"totalSize":1,"done":true,"records":[{"Id":"006000000000001AAA","Tracking_Updated_At__c":null}]}"""));

        assertThat(opportunity.isAlreadyApplied(event)).isFalse();
    }

    @Test
    void noOpportunityYetFailsTheQueryStepAsTransient() {
        Exchange event = event("2026-03-01T10:00:00Z");
        opportunity.aggregate(event, answer("{\"totalSize\":0,\"done\":true,\"records\":[]}"));

        assertThat(event.getException()).isInstanceOf(OpportunityNotYetInSalesforceException.class)
                .hasMessage("Opportunity for Shopify order 9007199254740993 not in Salesforce yet");
        assertThat(new SalesforceErrors().classify(event.getException())).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void aRedeliveredQueryForgetsTheEarlierAnswersVersion() {
        Exchange event = event("2026-03-01T10:00:00Z");
        opportunity.aggregate(event, answer("""
                {"records":[{"Id":"006000000000001AAA","Tracking_Updated_At__c":"2026-03-02T10:00:00.000+0000"}]}"""));
        opportunity.aggregate(event, answer("{\"records\":[{\"Id\":\"006000000000001AAA\"}]}"));

        assertThat(opportunity.isAlreadyApplied(event)).isFalse();
    }

    @Test
    void trackingIsOnePatchOfTheOpportunityById() {
        TrackingComposite composite = new TrackingComposite(
                new io.storelink.config.SalesforceSettings(null, null, null, null, null, null, "64.0"), TestSettings.mapping(),
                TestSettings.orgSchema());

        JsonNode request = JSON.valueToTree(composite.composite("006000000000001AAA",
                Map.of("Tracking_Number__c", "1Z1")));

        assertThat(request.path("allOrNone").asBoolean()).isTrue();
        assertThat(request.path("compositeRequest")).hasSize(1);
        JsonNode patch = request.path("compositeRequest").get(0);
        assertThat(patch.path("method").asText()).isEqualTo("PATCH");
        assertThat(patch.path("url").asText()).isEqualTo("/services/data/v64.0/sobjects/Opportunity/006000000000001AAA");
        assertThat(patch.path("body").path("Tracking_Number__c").asText()).isEqualTo("1Z1");
        assertThat(List.of(patch.path("referenceId").asText())).containsExactly("tracking");
    }

    private Exchange event(String updatedAt) {
        Exchange e = new DefaultExchange(camel);
        e.setProperty(ParseOrder.ORDER_ID, 9007199254740993L);
        e.getIn().setBody(fulfillment(updatedAt));
        return e;
    }

    private static ShopifyFulfillment fulfillment(String updatedAt) {
        return new ShopifyFulfillment(1L, 9007199254740993L, "#1001.1", "success", "UPS", "1Z1", List.of("1Z1"), null,
                List.of(), null, OffsetDateTime.parse(updatedAt));
    }

    private Exchange answer(String json) {
        Exchange e = new DefaultExchange(camel);
        e.getIn().setBody(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return e;
    }
}

package io.storelink.fulfillments;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.AppliedVersion;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The Opportunity a fulfillment event is written to, read by the fulfillment writer's SOQL query: its Id and the
 * Shopify {@code updated_at} of the fulfillment it shows (e.g. Tracking_Updated_At__c). Shopify delivers out of
 * order, an order can have several fulfillments, and shipment confirmation re-publishes what webhooks already
 * brought: an event that is not newer than the stored one is skipped, so the Opportunity shows the most recently
 * updated fulfillment.
 */
@Component("fulfillmentOpportunity")
public class FulfillmentOpportunity implements AggregationStrategy {

    static final String OPPORTUNITY_ID = "salesforceOpportunityId";
    static final String APPLIED = "salesforceTrackingUpdatedAt";

    private final ObjectMapper json;
    private final String field;

    public FulfillmentOpportunity(ObjectMapper json, MappingSettings mapping) {
        this.json = json;
        this.field = mapping.fulfillment().updatedAt();
    }

    /**
     * Keeps the fulfillment exchange; takes the Opportunity's Id and stored version from the query result. No
     * Opportunity fails the enrich itself, so that each redelivery of the transient policy queries Salesforce again
     * (a redelivery repeats only the step that failed).
     */
    @Override
    public Exchange aggregate(Exchange fulfillment, Exchange query) {
        if (query.getException() != null) {
            fulfillment.setException(query.getException()); // a failed query fails the event: the error handler decides
            return fulfillment;
        }
        try (InputStream body = query.getIn().getBody(InputStream.class)) {
            JsonNode records = json.readTree(body).path("records");
            if (records.size() == 0 || !records.get(0).hasNonNull("Id")) {
                fulfillment.setException(new OpportunityNotYetInSalesforceException(
                        fulfillment.getProperty(ParseOrder.ORDER_ID)));
                return fulfillment;
            }
            JsonNode opportunity = records.get(0);
            fulfillment.setProperty(OPPORTUNITY_ID, opportunity.get("Id").asText());
            fulfillment.removeProperty(APPLIED); // a redelivered query must not keep an earlier answer's version
            if (opportunity.hasNonNull(field)) {
                fulfillment.setProperty(APPLIED, AppliedVersion.parse(opportunity.get(field).asText()));
            }
        } catch (IOException e) {
            fulfillment.setException(e);
        }
        return fulfillment;
    }

    public boolean isAlreadyApplied(Exchange exchange) {
        Instant applied = exchange.getProperty(APPLIED, Instant.class);
        ShopifyFulfillment f = exchange.getIn().getBody(ShopifyFulfillment.class);
        return applied != null && f.updatedAt() != null && !applied.isBefore(f.updatedAt().toInstant());
    }
}

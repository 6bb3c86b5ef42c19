package io.storelink.orderchanges;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.fulfillments.OpportunityNotYetInSalesforceException;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The Opportunity an order change is written to, read by the writer's SOQL query (its Id). A refund of an order that
 * is not in Salesforce yet fails the enrich itself, so each redelivery of the transient policy queries again (the
 * order event may still be on its way: it travels on another topic). A deletion of an order that has no Opportunity
 * is done already: nothing to close or delete, and a repeated orders/delete finds the one it deleted gone.
 */
@Component("orderChangeOpportunity")
public class OrderChangeOpportunity implements AggregationStrategy {

    public static final String OPPORTUNITY_ID = "salesforceOpportunityId";

    private final ObjectMapper json;

    public OrderChangeOpportunity(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exchange aggregate(Exchange change, Exchange query) {
        if (query.getException() != null) {
            change.setException(query.getException()); // a failed query fails the event: the error handler decides
            return change;
        }
        change.removeProperty(OPPORTUNITY_ID); // a redelivered query must not keep an earlier answer
        try (InputStream body = query.getIn().getBody(InputStream.class)) {
            JsonNode records = json.readTree(body).path("records");
            if (records.size() > 0 && records.get(0).hasNonNull("Id")) {
                change.setProperty(OPPORTUNITY_ID, records.get(0).get("Id").asText());
            } else if (!ParseOrderChange.DELETE_TOPIC.equals(change.getIn().getHeader(ShopifyHeaders.TOPIC, String.class))) {
                change.setException(new OpportunityNotYetInSalesforceException(change.getProperty(ParseOrder.ORDER_ID)));
            }
        } catch (IOException e) {
            change.setException(e);
        }
        return change;
    }

    /** No Opportunity to change (a deletion of an order Salesforce does not have, or no longer has). */
    public boolean isGone(Exchange exchange) {
        return exchange.getProperty(OPPORTUNITY_ID) == null;
    }
}

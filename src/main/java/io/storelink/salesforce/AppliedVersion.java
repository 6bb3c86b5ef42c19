package io.storelink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.mapping.MappingSettings;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The Shopify {@code updated_at} already applied to an order's Opportunity (the configured field, e.g.
 * Shopify_Updated_At__c), read by the writer's SOQL query. An event that is not newer is skipped: Shopify delivers
 * out of order and more than once, and an older version must never overwrite a newer one.
 */
@Component("appliedVersion")
public class AppliedVersion implements AggregationStrategy {

    static final String APPLIED = "salesforceAppliedUpdatedAt";
    /** Salesforce's datetime format in REST responses, e.g. 2026-01-31T10:15:00.000+0000. */
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ObjectMapper json;
    private final String field;

    public AppliedVersion(ObjectMapper json, MappingSettings mapping) {
        this.json = json;
        this.field = mapping.opportunity().shopifyUpdatedAt();
    }

    /** Keeps the order exchange; takes only the applied version from the query result. */
    @Override
    public Exchange aggregate(Exchange order, Exchange query) {
        if (query.getException() != null) {
            order.setException(query.getException()); // a failed query fails the order: the error handler decides
            return order;
        }
        try (InputStream body = query.getIn().getBody(InputStream.class)) {
            JsonNode records = json.readTree(body).path("records");
            if (records.size() > 0 && records.get(0).hasNonNull(field)) {
                order.setProperty(APPLIED, parse(records.get(0).get(field).asText()));
            }
        } catch (IOException e) {
            order.setException(e);
        }
        return order;
    }

    public boolean isAlreadyApplied(Exchange exchange) {
        Instant applied = exchange.getProperty(APPLIED, Instant.class);
        ShopifyOrder order = exchange.getIn().getBody(ShopifyOrder.class);
        return applied != null && order.updatedAt() != null && !applied.isBefore(order.updatedAt().toInstant());
    }

    public static Instant parse(String value) {
        try {
            return OffsetDateTime.parse(value, SALESFORCE).toInstant();
        } catch (DateTimeParseException notSalesforceFormat) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }
}

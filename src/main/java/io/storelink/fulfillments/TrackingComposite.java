package io.storelink.fulfillments;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.OrgSchema;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The tracking fields as ONE composite call with one {@code PATCH /sobjects/Opportunity/{Id}}: an update of the
 * Opportunity found by the query, never an upsert, so a fulfillment can never create a half-empty Opportunity.
 * Composite rather than a plain update so that {@link CompositeOutcome} and the error classes treat its failures
 * exactly like the order path's.
 */
@Component("trackingComposite")
public class TrackingComposite implements Processor {

    static final String TRACKING_REF = "tracking";

    private final String apiVersion;
    private final String sObject;
    private final OrgSchema schema;

    public TrackingComposite(SalesforceSettings salesforce, MappingSettings mapping, OrgSchema schema) {
        this.apiVersion = salesforce.apiVersion();
        this.sObject = mapping.opportunity().object();
        this.schema = schema;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        String id = exchange.getProperty(FulfillmentOpportunity.OPPORTUNITY_ID, String.class);
        exchange.getIn().setBody(composite(id, exchange.getIn().getBody(Map.class)));
    }

    public SObjectComposite composite(String opportunityId, Map<String, Object> fields) {
        if (opportunityId == null || opportunityId.isBlank()) {
            throw new IllegalStateException("no Opportunity Id to write tracking to"); // the query step sets it
        }
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        String url = "/sobjects/" + sObject + "/" + UriUtils.encodePathSegment(opportunityId, StandardCharsets.UTF_8);
        // fitted to the org's fields (types, lengths): built after the gate, so after the mapping check described them
        composite.addGeneric(SObjectComposite.Method.PATCH, url, new LinkedHashMap<>(FieldFit.fit(fields, schema.fields(sObject))),
                TRACKING_REF);
        return composite;
    }
}

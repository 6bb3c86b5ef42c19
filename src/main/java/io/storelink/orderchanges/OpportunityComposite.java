package io.storelink.orderchanges;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.schema.FieldFit;
import io.storelink.salesforce.schema.OrgSchema;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * ONE composite call with one subrequest on the Opportunity found by the query: {@code PATCH} of the body's fields,
 * or {@code DELETE}. By Id, never an upsert, so an order change can never create a half-empty Opportunity. Composite
 * rather than a plain call so that CompositeOutcome and the error classes treat failures like the other writers'.
 */
@Component("opportunityComposite")
public class OpportunityComposite {

    private final String apiVersion;
    private final String sObject;
    private final OrgSchema schema;

    public OpportunityComposite(SalesforceSettings salesforce, MappingSettings mapping, OrgSchema schema) {
        this.apiVersion = salesforce.apiVersion();
        this.sObject = mapping.opportunity().object();
        this.schema = schema;
    }

    /** The update of the exchange's Opportunity with the fields in the body. */
    @SuppressWarnings("unchecked")
    public SObjectComposite update(Exchange exchange) {
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        // fitted to the org's fields (types, lengths): built after the gate, so after the mapping check described them
        String url = "/sobjects/" + sObject + "/" + UriUtils.encodePathSegment(id(exchange), StandardCharsets.UTF_8);
        composite.addGeneric(SObjectComposite.Method.PATCH, url,
                new LinkedHashMap<>(FieldFit.fit(exchange.getIn().getBody(Map.class), schema.fields(sObject))), "opportunity");
        return composite;
    }

    /** The deletion of the exchange's Opportunity. */
    public SObjectComposite delete(Exchange exchange) {
        SObjectComposite composite = new SObjectComposite(apiVersion, true);
        composite.addDelete(sObject, id(exchange), "opportunity"); // no body on the wire
        return composite;
    }

    private static String id(Exchange exchange) {
        String id = exchange.getProperty(OrderChangeOpportunity.OPPORTUNITY_ID, String.class);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("no Opportunity Id to write to"); // the query step sets it
        }
        return id;
    }
}

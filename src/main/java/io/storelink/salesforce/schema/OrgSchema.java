package io.storelink.salesforce.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import org.springframework.stereotype.Component;

/**
 * The org's fields per object, from camel-salesforce's describe ({@code GET /sobjects/{X}/describe}, one API call per
 * object), cached: read by the start-up check, again only when it checks again. The writers fit values with it.
 */
@Component
public class OrgSchema {

    private final CamelContext camel;
    private final Map<String, Map<String, SalesforceField>> described = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;

    public OrgSchema(CamelContext camel) {
        this.camel = camel;
    }

    /** The object's fields by lower-cased name (Salesforce names are case-insensitive); empty before its describe. */
    public Map<String, SalesforceField> fields(String object) {
        return described.getOrDefault(object.toLowerCase(Locale.ROOT), Map.of());
    }

    /** Describes the object now (replacing what was cached); a failed call throws Salesforce's own exception. */
    public Map<String, SalesforceField> describe(String object) throws Exception {
        SObjectDescription d;
        try {
            d = producer().requestBody("salesforce:getDescription?sObjectName=" + object, null, SObjectDescription.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e; // classified like any writer call (login, limits)
        }
        Map<String, SalesforceField> fields = new LinkedHashMap<>();
        for (SObjectField f : d.getFields()) {
            fields.put(f.getName().toLowerCase(Locale.ROOT), SalesforceField.of(f));
        }
        Map<String, SalesforceField> snapshot = Collections.unmodifiableMap(fields);
        described.put(object.toLowerCase(Locale.ROOT), snapshot);
        return snapshot;
    }

    /** For tests and checks without Salesforce: the object's fields as given. */
    public void put(String object, Map<String, SalesforceField> fields) {
        Map<String, SalesforceField> byName = new LinkedHashMap<>();
        fields.values().forEach(f -> byName.put(f.name().toLowerCase(Locale.ROOT), f));
        described.put(object.toLowerCase(Locale.ROOT), Collections.unmodifiableMap(byName));
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }
}

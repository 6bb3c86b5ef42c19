package io.storelink.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;

/** A composite request as it goes over the wire (its subrequest type is not public in camel-salesforce). */
final class CompositeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompositeJson() {
    }

    static JsonNode of(SObjectComposite composite) {
        return JSON.valueToTree(composite);
    }
}

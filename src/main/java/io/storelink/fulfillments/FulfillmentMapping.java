package io.storelink.fulfillments;

import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingInput;
import io.storelink.mapping.MappingSettings;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * A Shopify fulfillment to fields of its order's Opportunity, by storelink.mapping.fulfillment.fields (compiled
 * once here), plus the fulfillment version ({@code updated-at}) the writer checks. Like the order mapping it writes
 * only values Shopify has; the writer fits them to the org's fields.
 */
@Component
public class FulfillmentMapping {

    private final MappingSettings.FulfillmentFields settings;
    private final CamelContext camel;
    private final FieldSet fields;

    public FulfillmentMapping(MappingSettings settings, CamelContext camel) {
        this.settings = settings.fulfillment();
        this.camel = camel;
        this.fields = new FieldSet(settings.opportunity().object(), "fulfillment", this.settings.fields(), camel);
    }

    /** Field name to value, for one update of the Opportunity; never creates anything. */
    public Map<String, Object> map(@Body ShopifyFulfillment f, @ExchangeProperty(ParseFulfillment.PAYLOAD) JsonNode payload) {
        MappingInput input = new MappingInput(payload, FulfillmentVariables.of(f), camel);
        Map<String, Object> out = fields.values(input);
        Object version = input.variables().get("updatedAt");
        if (version != null) {
            out.put(settings.updatedAt(), version); // the version check reads it back: never left to configuration
        }
        return out;
    }

    /** The compiled fields, for the start-up check. */
    public FieldSet fieldSet() {
        return fields;
    }
}

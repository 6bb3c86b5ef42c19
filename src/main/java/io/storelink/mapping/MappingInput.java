package io.storelink.mapping;

import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * What a record's field expressions read: the Shopify payload and the computed variables. The exchange Camel simple
 * evaluates against is made once per record, and only when a template is used; the payload becomes its body (a
 * map) only for templates that read the body.
 */
public final class MappingInput {

    /** Decimals as BigDecimal, as in the payload: money is never a double. */
    private static final ObjectMapper MAPS = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode payload;
    private final Map<String, Object> variables;
    private final CamelContext camel;
    private Exchange exchange;
    private boolean hasBody;

    public MappingInput(JsonNode payload, Map<String, Object> variables, CamelContext camel) {
        this.payload = payload;
        this.variables = variables;
        this.camel = camel;
    }

    public JsonNode payload() {
        return payload;
    }

    public Map<String, Object> variables() {
        return variables;
    }

    Exchange exchange(boolean withBody) {
        if (exchange == null) {
            exchange = new DefaultExchange(camel);
            variables.forEach(exchange::setVariable);
        }
        if (withBody && !hasBody) {
            exchange.getMessage().setBody(MAPS.convertValue(payload, Map.class));
            hasBody = true;
        }
        return exchange;
    }
}

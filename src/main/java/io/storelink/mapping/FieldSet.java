package io.storelink.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;

/**
 * The compiled {@code fields} of one Salesforce object: field name to {@link FieldExpression}, in configuration order.
 * A field configured as {@code ""} is not written (how a file beside the jar switches off a default field).
 */
public final class FieldSet {

    private final String object;
    private final Map<String, FieldExpression> fields;

    public FieldSet(String object, String settingsKey, Map<String, String> configured, CamelContext camel) {
        this.object = object;
        Map<String, FieldExpression> compiled = new LinkedHashMap<>();
        configured.forEach((field, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            try {
                compiled.put(field, FieldExpression.compile(text, camel));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("storelink.mapping." + settingsKey + ".fields." + field + ": "
                        + e.getMessage(), e);
            }
        });
        this.fields = Collections.unmodifiableMap(compiled);
    }

    public String object() {
        return object;
    }

    public Map<String, FieldExpression> fields() {
        return fields;
    }

    /** The fields with a value for this record; one without a value is left out, never blanked. */
    public Map<String, Object> values(MappingInput input) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((field, e) -> {
            Object v = e.value(input);
            if (v != null) {
                out.put(field, v);
            }
        });
        return out;
    }
}

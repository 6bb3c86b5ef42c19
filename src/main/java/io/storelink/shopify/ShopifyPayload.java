package io.storelink.shopify;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * A payload parsed once: the typed view the writers decide with, and the JSON tree the configured field mappings
 * read paths from (io.storelink.mapping.FieldExpression). Decimals stay BigDecimal in the tree: money is never a double.
 */
public record ShopifyPayload<T>(T value, JsonNode json) {

    static <T> ShopifyPayload<T> read(ObjectMapper mapper, byte[] body, Class<T> type, String what) {
        ObjectReader reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES); // 1.50 stays 1.50
        try {
            JsonNode json = reader.readTree(body);
            T value = json == null || json.isMissingNode() ? null : mapper.treeToValue(json, type);
            return new ShopifyPayload<>(value, json);
        } catch (IOException e) {
            // Jackson's message quotes the offending input: keep only its kind, payloads hold personal data
            throw new PoisonPayloadException(what + " payload is not valid JSON (" + e.getClass().getSimpleName() + ")", null);
        }
    }
}

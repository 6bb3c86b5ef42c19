package io.storelink.shopify;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * A payload parsed once: the typed view the writers decide with, and the JSON tree the configured field mappings
 * read paths from (io.storelink.mapping.FieldExpression). Decimals stay BigDecimal in the tree: money is never a double.
 * The orders writer reads the typed view alone ({@link #value}) and the tree only for what it maps ({@link #tree}):
 * a 15 KB order's tree takes ~85 KB of heap, a batch of 1,000 of them more than its consumer's share.
 */
public record ShopifyPayload<T>(T value, JsonNode json) {

    static <T> ShopifyPayload<T> read(ObjectMapper mapper, byte[] body, Class<T> type, String what) {
        ObjectReader reader = reader(mapper);
        try {
            JsonNode json = reader.readTree(body);
            T value = json == null || json.isMissingNode() ? null : mapper.treeToValue(json, type);
            return new ShopifyPayload<>(value, json);
        } catch (IOException e) {
            // Jackson's message quotes the offending input: keep only its kind, payloads hold personal data
            throw new PoisonPayloadException(what + " payload is not valid JSON (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The typed view alone, streamed from the bytes without a tree; null for a body that is JSON {@code null}. */
    static <T> T value(ObjectMapper mapper, byte[] body, Class<T> type, String what) {
        ObjectReader reader = reader(mapper).forType(type);
        try (JsonParser parser = reader.createParser(body)) {
            return parser.nextToken() == null ? null : reader.readValue(parser); // no content: no order, as a tree says
        } catch (IOException e) {
            throw new PoisonPayloadException(what + " payload is not valid JSON (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The JSON tree of a body whose typed view was read before ({@link #value}): valid JSON. */
    public static JsonNode tree(ObjectMapper mapper, byte[] body) {
        try {
            return reader(mapper).readTree(body);
        } catch (IOException e) {
            throw new PoisonPayloadException("payload is not valid JSON (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The value, when it has an id: a payload without one is poison ("order payload has no id"). */
    static <T> T identified(T value, Function<T, ?> id, String what) {
        if (value == null || id.apply(value) == null) {
            throw new PoisonPayloadException(what + " payload has no id", null);
        }
        return value;
    }

    private static ObjectReader reader(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES); // 1.50 stays 1.50
    }
}

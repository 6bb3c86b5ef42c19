package io.storelink.routes;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.shopify.admin.ShopifyAdmin;

/**
 * The Shopify Admin client without Shopify: each GraphQL document answers one page of canned {@code data} (or throws
 * what Shopify's refusal becomes), so the pollers' real beans page through it as they would through Shopify.
 */
class CannedShopifyAdmin extends ShopifyAdmin {

    private final Map<String, JsonNode> data = new HashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    CannedShopifyAdmin(ObjectMapper json) {
        super(null, null, json, new SimpleMeterRegistry(), null);
    }

    /** The {@code data} of the document's answer, e.g. {@code {"orders":{"nodes":[...],"pageInfo":{...}}}}. */
    CannedShopifyAdmin answer(String documentName, JsonNode answer) {
        data.put(documentName, answer);
        return this;
    }

    CannedShopifyAdmin fail(String documentName, RuntimeException failure) {
        failures.put(documentName, failure);
        return this;
    }

    @Override
    public JsonNode query(String documentName, Map<String, Object> variables) {
        if (failures.containsKey(documentName)) {
            throw failures.get(documentName);
        }
        JsonNode answer = data.get(documentName);
        if (answer == null) {
            throw new AssertionError("no canned answer for " + documentName);
        }
        return answer;
    }
}

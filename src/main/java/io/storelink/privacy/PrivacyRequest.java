package io.storelink.privacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.shopify.PoisonPayloadException;

/**
 * One privacy webhook as the privacy route acts on it: who (the customer id, never the e-mail or phone the payload
 * also carries), which orders, which shop, when Shopify sent it. Ids are Shopify's numeric ids: anything else is
 * poison, so they go into SOQL without quoting worries.
 */
public record PrivacyRequest(String topic, String shop, String customerId, List<String> orderIds, String requestedAt,
                             String dataRequestId) {

    public static final String REDACT = "customers/redact";
    public static final String DATA_REQUEST = "customers/data_request";

    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    static PrivacyRequest parse(ObjectMapper json, byte[] body, String topic, String shopHeader, String triggeredAt) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new PoisonPayloadException(topic + " payload is not valid JSON (" + e.getClass().getSimpleName() + ")", null);
        }
        if (root == null || !root.isObject()) {
            throw new PoisonPayloadException(topic + " payload is not a JSON object", null);
        }
        String shop = root.path("shop_domain").isTextual() ? root.path("shop_domain").asText() : shopHeader;
        if (!REDACT.equals(topic) && !DATA_REQUEST.equals(topic)) {
            return new PrivacyRequest(topic, shop, null, List.of(), triggeredAt, null);
        }
        String customer = id(root.path("customer").path("id"));
        if (customer == null) {
            throw new PoisonPayloadException(topic + " payload has no numeric customer.id", null);
        }
        List<String> orders = new ArrayList<>();
        for (JsonNode order : root.path(REDACT.equals(topic) ? "orders_to_redact" : "orders_requested")) {
            String id = id(order);
            if (id == null) {
                throw new PoisonPayloadException(topic + " payload has an order id that is not numeric", null);
            }
            orders.add(id);
        }
        return new PrivacyRequest(topic, shop, customer, List.copyOf(orders), triggeredAt,
                id(root.path("data_request").path("id")));
    }

    private static String id(JsonNode node) {
        return node.isValueNode() && !node.isNull() && ID.matcher(node.asText()).matches() ? node.asText() : null;
    }
}

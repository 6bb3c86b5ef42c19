package io.storelink.shipment;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A GraphQL Admin API fulfillment (fulfillments-updated-since.graphql) in the shape of a fulfillments/update webhook
 * payload (REST), so that a polled fulfillment takes exactly the writer path of a delivered one. Only fields the
 * writer reads are carried.
 */
public final class WebhookShapedFulfillment {

    private WebhookShapedFulfillment() {
    }

    /** {@code order}: the order node (its legacyResourceId); {@code f}: one of its fulfillments. */
    public static ObjectNode of(JsonNode order, JsonNode f, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("id", Long.parseLong(f.path("legacyResourceId").asText()));
        out.put("order_id", Long.parseLong(order.path("legacyResourceId").asText()));
        copy(f, "name", out, "name");
        if (f.hasNonNull("status")) {
            out.put("status", f.get("status").asText().toLowerCase(Locale.ROOT)); // SUCCESS -> success, as webhooks send it
        }
        copy(f, "createdAt", out, "created_at");
        copy(f, "updatedAt", out, "updated_at");
        ArrayNode numbers = json.createArrayNode();
        ArrayNode urls = json.createArrayNode();
        String company = null;
        for (JsonNode t : f.path("trackingInfo")) {
            if (company == null && hasText(t, "company")) {
                company = t.get("company").asText();
            }
            if (hasText(t, "number")) {
                numbers.add(t.get("number").asText());
            }
            if (hasText(t, "url")) {
                urls.add(t.get("url").asText());
            }
        }
        // REST carries one company and the first number and URL singly, all of them in the plural fields
        if (company != null) {
            out.put("tracking_company", company);
        } else {
            out.putNull("tracking_company");
        }
        putFirst(out, "tracking_number", numbers);
        out.set("tracking_numbers", numbers);
        putFirst(out, "tracking_url", urls);
        out.set("tracking_urls", urls);
        return out;
    }

    private static void putFirst(ObjectNode out, String field, ArrayNode values) {
        if (values.isEmpty()) {
            out.putNull(field);
        } else {
            out.put(field, values.get(0).asText());
        }
    }

    private static boolean hasText(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank();
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode v = from.path(name);
        if (!v.isMissingNode() && !v.isNull()) {
            to.put(as, v.asText()); // timestamps stay strings, as in webhooks
        }
    }
}

package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in a sorted list: the sort value and id of the last node seen, base64 JSON like Shopify's own
 * cursors ({"last_id":..,"last_value":..}). Because it names a position rather than an index, paging stays
 * correct when nodes are added or removed between pages.
 */
record Cursor(String value, long id) {

    static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::value).thenComparingLong(Cursor::id);
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode n = JSON.createObjectNode().put("last_id", id).put("last_value", value);
        return Base64.getEncoder().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
        try {
            JsonNode n = JSON.readTree(Base64.getDecoder().decode(cursor));
            if (n.path("last_id").canConvertToLong() && n.path("last_value").isTextual()) {
                return new Cursor(n.get("last_value").asText(), n.get("last_id").asLong());
            }
        } catch (Exception e) {
            // reported below
        }
        throw FieldError.badRequest("Invalid cursor for current pagination sort."); // wording not verified live
    }
}

package io.storelink.fakes.shopify.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fixed bodies Shopify answers with outside of GraphQL execution proper. */
final class ShopifyReplies {

    static final String RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

    private ShopifyReplies() {
    }

    static Map<String, Object> invalidToken() {
        return Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)");
    }

    /** No usable {"query": ...}: Shopify's REST-style 400. */
    static Map<String, Object> missingQuery() {
        return Map.of("errors", Map.of("query", "Required parameter missing or invalid"));
    }

    static Map<String, Object> notFound() {
        return Map.of("errors", "Not Found");
    }

    static Map<String, Object> throttled(int requested, Map<String, Object> throttleStatus) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "THROTTLED");
        ext.put("documentation", RATE_LIMITS_DOC);
        return errors(List.of(AdminError.request("Throttled", ext)), cost(requested, null, throttleStatus));
    }

    static Map<String, Object> maxCostExceeded(int requested, Map<String, Object> throttleStatus) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "MAX_COST_EXCEEDED");
        ext.put("cost", requested);
        ext.put("maxCost", QueryCost.MAX_QUERY_COST);
        ext.put("documentation", RATE_LIMITS_DOC);
        String message = "Query cost is " + requested + ", which exceeds the single query max cost limit ("
                + QueryCost.MAX_QUERY_COST + ").\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more "
                + "information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer "
                + "limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-"
                + "operations-with-admin-api for usage details.\n";
        return errors(List.of(AdminError.request(message, ext)), cost(requested, null, throttleStatus));
    }

    /** An injected outage: 500 in Shopify's GraphQL error form, 502/503/... as a bare status text. */
    static Map<String, Object> outage(int status) {
        if (status == 500) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "INTERNAL_SERVER_ERROR");
            ext.put("requestId", id);
            return Map.of("errors", List.of(AdminError.toJson(AdminError.request(
                    "Internal error. Looks like something went wrong on our end.\nRequest ID: " + id
                            + " (include this in support requests).", ext))));
        }
        return Map.of("errors", switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        });
    }

    static Map<String, Object> cost(Integer requested, Integer actual, Map<String, Object> throttleStatus) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", throttleStatus);
        return Map.of("cost", cost);
    }

    static Map<String, Object> errors(List<? extends graphql.GraphQLError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors.stream().map(AdminError::toJson).toList());
        body.put("extensions", extensions);
        return body;
    }
}

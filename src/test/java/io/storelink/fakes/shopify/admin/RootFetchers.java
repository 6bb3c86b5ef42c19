package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The QueryRoot fields the fake models; every other root field reports itself as not modelled. */
final class RootFetchers {

    private static final Pattern GID = Pattern.compile("gid://shopify/(\\w+)/(\\d+)(\\?.*)?");

    private static final Map<String, DataFetcher<?>> ROOT = Map.of(
            "orders", RootFetchers::orders,
            "order", env -> shop(env).orderView(gid(env.getArgument("id"), "Order")),
            "locations", env -> shop(env).locationsPage(env.getArguments()),
            "location", env -> env.getArgument("id") == null ? shop(env).locationView(null)
                    : shop(env).locationView(gid(env.getArgument("id"), "Location")),
            "webhookSubscriptions", env -> shop(env).webhooksPage(env.getArguments()),
            "currentAppInstallation", env -> ShopData.appInstallation(new ArrayList<>(RequestContext.of(env).scopes())));

    private RootFetchers() {
    }

    static DataFetcher<?> forField(String parentType, String field) {
        return parentType.equals("QueryRoot") ? ROOT.get(field) : null;
    }

    private static Object orders(DataFetchingEnvironment env) {
        String sortKey = env.getArgumentOrDefault("sortKey", "PROCESSED_AT");
        Function<ObjectNode, Cursor> key = switch (sortKey) {
            case "UPDATED_AT" -> o -> new Cursor(Times.utc(Times.parse(o.get("updated_at").asText())), o.get("id").asLong());
            case "CREATED_AT", "PROCESSED_AT" -> o -> new Cursor(Times.utc(Times.parse(o.get("created_at").asText())), o.get("id").asLong());
            case "ORDER_NUMBER" -> o -> new Cursor(String.format("%012d", o.path("order_number").asLong()), o.get("id").asLong());
            case "ID", "RELEVANCE" -> o -> new Cursor("", o.get("id").asLong());
            default -> throw FieldError.notModelled("orders(sortKey: " + sortKey + ")");
        };
        java.util.function.Predicate<ObjectNode> search = OrderSearch.parse(env.getArgument("query"));
        if (!RequestContext.of(env).granted("read_all_orders")) { // Shopify: without it, only the last 60 days
            java.time.Instant since = java.time.Instant.now().minus(java.time.Duration.ofDays(60));
            search = search.and(o -> !Times.parse(o.get("created_at").asText()).isBefore(since));
        }
        return shop(env).ordersPage(search, key, env.getArguments());
    }

    private static ShopData shop(DataFetchingEnvironment env) {
        return RequestContext.of(env).shop();
    }

    /** The numeric id of a gid of the expected type; another type finds nothing (null), as on Shopify. */
    private static Long gid(String gid, String type) {
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            throw FieldError.badRequest("Invalid global id '" + gid + "'"); // Shopify: "Invalid global id '...'"
        }
        return m.group(1).equals(type) ? Long.parseLong(m.group(2)) : -1L;
    }
}

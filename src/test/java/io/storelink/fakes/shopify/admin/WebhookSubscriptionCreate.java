package io.storelink.fakes.shopify.admin;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.storelink.fakes.shopify.admin.OrderView.typed;

/**
 * Mutation {@code webhookSubscriptionCreate(topic, webhookSubscription: {uri | callbackUrl, format})}, as Shopify
 * answers it: the topic's scope first (the ACCESS_DENIED error of {@link ScopeRules}; the scopes a topic accepts are
 * in the schema's own enum description, "Requires at least one of the following scopes: ..."), then the address
 * as {@code userErrors}: "Address is invalid" (seen live, field [webhookSubscription, callbackUrl]), "Address
 * protocol http:// is not supported" (Shopify's REST wording for the same check), "Address for this topic has
 * already been taken". The field path names the input field the caller used ({@code uri} unverified live).
 */
final class WebhookSubscriptionCreate implements DataFetcher<Object> {

    private static final Pattern SCOPES = Pattern.compile("Requires at least one of the following scopes:\\s*([a-z_,\\s]+)");
    /** The other wording of the schema, e.g. ORDERS_DELETE: "Requires the `read_orders` scope." */
    private static final Pattern ONE_SCOPE = Pattern.compile("Requires the `([a-z_]+)` scope");

    @Override
    public Object get(DataFetchingEnvironment env) {
        String topic = env.getArgument("topic");
        List<String> accepted = topicScopes(topic);
        RequestContext request = RequestContext.of(env);
        if (!accepted.isEmpty() && accepted.stream().noneMatch(request::granted)) {
            return DataFetcherResult.newResult().error(ScopeRules.denied(env, accepted.get(0))).build();
        }
        Map<String, Object> input = env.getArgument("webhookSubscription");
        String field = input.get("uri") != null ? "uri" : "callbackUrl";
        String address = (String) input.get(field);
        Object format = input.getOrDefault("format", "JSON");
        if (format != null && !"JSON".equals(format)) {
            throw FieldError.notModelled("webhookSubscriptionCreate(format: " + format + ")");
        }
        String problem = addressProblem(address);
        if (problem == null && !request.shop().subscribeOnce(topic, address)) {
            problem = "Address for this topic has already been taken";
        }
        Map<String, Object> payload = typed("WebhookSubscriptionCreatePayload");
        List<Object> errors = new ArrayList<>();
        if (problem != null) {
            Map<String, Object> error = typed("UserError");
            error.put("field", List.of("webhookSubscription", field));
            error.put("message", problem);
            errors.add(error);
        }
        payload.put("userErrors", errors);
        payload.put("webhookSubscription", problem == null ? request.shop().webhookViewAt(topic, address) : null);
        return payload;
    }

    /** Shopify's checks of an HTTPS address: https only, and no local or Shopify host. */
    static String addressProblem(String address) {
        if (address == null || address.isBlank()) {
            return "Address can't be blank";
        }
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            return "Address is invalid";
        }
        if (uri.getScheme() != null && !uri.getScheme().equalsIgnoreCase("https") && uri.getHost() != null) {
            return "Address protocol " + uri.getScheme().toLowerCase(Locale.ROOT) + ":// is not supported";
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getScheme() == null || host.isEmpty() || host.equals("localhost") || host.endsWith("internal")
                || host.endsWith("myshopify.com") || host.endsWith("shopify.com") || host.matches("[0-9.]+")) {
            return "Address is invalid";
        }
        return null;
    }

    /** The scopes the topic's enum value says it accepts (any one of them will do). */
    static List<String> topicScopes(String topic) {
        if (!(AdminSchema.schema().getType("WebhookSubscriptionTopic") instanceof GraphQLEnumType e)) {
            return List.of();
        }
        GraphQLEnumValueDefinition value = e.getValue(topic);
        String description = value == null || value.getDescription() == null ? "" : value.getDescription();
        Matcher one = ONE_SCOPE.matcher(description);
        if (one.find()) {
            return List.of(one.group(1));
        }
        Matcher m = SCOPES.matcher(description);
        if (!m.find()) {
            return List.of();
        }
        return Arrays.stream(m.group(1).split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

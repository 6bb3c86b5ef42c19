package io.storelink.shopify.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.springframework.stereotype.Component;

/**
 * The store's webhook subscriptions through the Admin GraphQL API: every page of {@code webhookSubscriptions}, and
 * {@code webhookSubscriptionCreate}. Shared by register-webhooks, the doctor and reconciliation's check, so all three
 * read the subscriptions the same way.
 */
@Component
public class WebhookSubscriptions {

    private static final int PAGE = 100;

    private final ShopifyAdmin admin;

    public WebhookSubscriptions(ShopifyAdmin admin) {
        this.admin = admin;
    }

    /** Every subscription's address, by topic (all pages). */
    public Map<String, List<String>> addressesByTopic() {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (JsonNode s : admin.pages("webhook-subscriptions", Map.of("first", PAGE), "webhookSubscriptions")) {
            byTopic.computeIfAbsent(s.path("topic").asText(), t -> new ArrayList<>()).add(s.path("uri").asText());
        }
        return byTopic;
    }

    /**
     * Each of {@code topics} compared with {@code address}. A blank address asks only whether a topic is subscribed
     * at all: any subscription then counts as at the address.
     */
    public List<TopicSubscription> compare(List<String> topics, String address) {
        Map<String, List<String>> byTopic = addressesByTopic();
        boolean known = address != null && !address.isBlank();
        List<TopicSubscription> out = new ArrayList<>();
        for (String topic : topics) {
            List<String> addresses = byTopic.getOrDefault(topic, List.of());
            if (!known) {
                out.add(new TopicSubscription(topic, !addresses.isEmpty(), List.of()));
                continue;
            }
            List<String> others = addresses.stream().filter(a -> !a.equals(address.trim())).distinct().toList();
            out.add(new TopicSubscription(topic, addresses.contains(address.trim()), others));
        }
        return out;
    }

    /**
     * Subscribes {@code topic} to {@code address} (JSON). Returns Shopify's userErrors as it wrote them
     * ("webhookSubscription.uri: Address is invalid"), empty when created.
     */
    public List<String> create(String topic, String address) {
        JsonNode data = admin.query("webhook-subscription-create", Map.of("topic", topic, "uri", address));
        JsonNode payload = data.path("webhookSubscriptionCreate");
        List<String> errors = new ArrayList<>();
        for (JsonNode e : payload.path("userErrors")) {
            List<String> field = new ArrayList<>();
            e.path("field").forEach(f -> field.add(f.asText()));
            errors.add((field.isEmpty() ? "" : String.join(".", field) + ": ") + e.path("message").asText());
        }
        if (errors.isEmpty() && payload.path("webhookSubscription").isMissingNode()) {
            errors.add("Shopify answered without the subscription or an error");
        }
        return errors;
    }
}

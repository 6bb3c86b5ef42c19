package io.storelink.shopify.subscriptions;

import java.io.PrintStream;
import java.util.List;

import io.storelink.command.StorelinkCommand;
import io.storelink.config.ShopifySettings;
import io.storelink.reconciliation.ReconciliationSettings;
import io.storelink.shopify.admin.ShopifyAdminException;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar storelink.jar register-webhooks [--address https://...]}: subscribes every topic the bridge
 * handles (storelink.jobs.reconciliation.expected-webhooks, the list reconciliation watches) to the bridge's public
 * address. Idempotent: only missing subscriptions are created. A topic delivering elsewhere is reported, not
 * changed: that address may be another deployment's, which only the merchant can tell.
 */
@Component
public class RegisterWebhooksCommand implements StorelinkCommand {

    private final WebhookSubscriptions subscriptions;
    private final ShopifySettings shopify;
    private final List<String> topics;

    public RegisterWebhooksCommand(WebhookSubscriptions subscriptions, ShopifySettings shopify, ReconciliationSettings topics) {
        this.subscriptions = subscriptions;
        this.shopify = shopify;
        this.topics = topics.expectedWebhooks();
    }

    @Override
    public String name() {
        return "register-webhooks";
    }

    @Override
    public String usage() {
        return "register-webhooks [--address https://bridge.example.com/webhooks/shopify]    subscribes the handled topics "
                + "(default address: SHOPIFY_WEBHOOK_ADDRESS); exit 0 when every topic delivers there";
    }

    @Override
    public int run(List<String> arguments, PrintStream out) {
        String address = address(arguments);
        if (address == null) {
            out.println("usage: java -jar storelink.jar " + usage());
            out.println("no address: pass --address or set SHOPIFY_WEBHOOK_ADDRESS");
            return 2;
        }
        if (shopify.storeUrl() == null || shopify.adminApiAccessToken() == null || shopify.adminApiAccessToken().isBlank()) {
            out.println("set SHOPIFY_STORE_DOMAIN and SHOPIFY_ADMIN_API_ACCESS_TOKEN (or SHOPIFY_API_PASSWORD) first");
            return 1;
        }
        List<TopicSubscription> before;
        try {
            before = subscriptions.compare(topics, address);
        } catch (ShopifyAdminException e) {
            out.println("cannot list the store's webhook subscriptions: " + e.getMessage());
            return 1;
        }
        out.println("Webhook subscriptions of " + shopify.storeUrl() + " to " + address + ":");
        int delivered = 0;
        for (TopicSubscription topic : before) {
            boolean there = topic.atAddress() || (topic.missing() && created(topic.topic(), address, out));
            delivered += there ? 1 : 0;
            if (topic.atAddress()) {
                out.printf("  %-22s already there%s%n", topic.topic(),
                        topic.elsewhere().isEmpty() ? "" : " (also delivers to " + String.join(", ", topic.elsewhere()) + ")");
            } else if (topic.onlyElsewhere()) {
                out.printf("  %-22s points elsewhere: %s (not changed)%n", topic.topic(), String.join(", ", topic.elsewhere()));
            }
        }
        out.println(delivered + " of " + before.size() + " topics deliver to " + address + ".");
        if (before.stream().anyMatch(TopicSubscription::onlyElsewhere)) {
            out.println("A topic pointing elsewhere: if that address is this bridge's, run again with it as --address; "
                    + "otherwise delete that subscription (webhookSubscriptionDelete) and run again.");
        }
        return delivered == before.size() ? 0 : 1;
    }

    /** Creates one subscription and prints the outcome; true when Shopify created it. */
    private boolean created(String topic, String address, PrintStream out) {
        try {
            List<String> errors = subscriptions.create(topic, address);
            if (errors.isEmpty()) {
                out.printf("  %-22s created%n", topic);
                return true;
            }
            out.printf("  %-22s not created: %s%n", topic, String.join("; ", errors));
        } catch (ShopifyAdminException e) {
            out.printf("  %-22s not created: %s%n", topic, e.getMessage());
        }
        return false;
    }

    /** --address URL or --address=URL, else the setting; null when neither, or on any other argument. */
    private String address(List<String> arguments) {
        String given = null;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.startsWith("--address=")) {
                given = a.substring("--address=".length());
            } else if (a.equals("--address") && i + 1 < arguments.size()) {
                given = arguments.get(++i);
            } else {
                return null;
            }
        }
        String address = given != null ? given : shopify.webhookAddress();
        return address == null || address.isBlank() ? null : address.trim();
    }
}

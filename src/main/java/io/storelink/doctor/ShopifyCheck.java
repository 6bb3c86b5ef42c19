package io.storelink.doctor;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.config.ShopifySettings;
import io.storelink.inventory.InventorySettings;
import io.storelink.reconciliation.ReconciliationSettings;
import io.storelink.shopify.admin.BucketStatus;
import io.storelink.shopify.admin.RequiredScopes;
import io.storelink.shopify.admin.ShopifyAccessException;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminException;
import io.storelink.shopify.subscriptions.TopicSubscription;
import io.storelink.shopify.subscriptions.WebhookSubscriptions;
import org.springframework.beans.factory.annotation.Value;
import io.storelink.lineitems.LineItemSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The store's Admin API as the bridge uses it: reachable, the token accepted, the scopes the enabled jobs and the
 * webhook topics need granted, the handled topics subscribed at the bridge's address, and the plan's cost bucket.
 * The first call answers the first three; a later finding is only made when the call it needs can be made.
 */
@Component
class ShopifyCheck implements DoctorCheck {

    private static final String AREA = "Shopify";
    private static final String GRANT = "grant them to the app (Shopify admin: Settings > Apps and sales channels > "
            + "Develop apps > the app > Configuration > Admin API access scopes, then install the update; a legacy "
            + "private app: its Admin API permissions)";

    private final ShopifySettings shopify;
    private final ShopifyAdmin admin;
    private final WebhookSubscriptions subscriptions;
    private final List<String> topics;
    private final InventorySettings inventory;
    private final boolean jobsEnabled;
    private boolean lineItems;   // line-item sync on: the orders are read with their lines' variants

    ShopifyCheck(ShopifySettings shopify, ShopifyAdmin admin, WebhookSubscriptions subscriptions,
                 ReconciliationSettings reconciliation, InventorySettings inventory,
                 @Value("${storelink.jobs.enabled}") boolean jobsEnabled) {
        this.shopify = shopify;
        this.admin = admin;
        this.subscriptions = subscriptions;
        this.topics = reconciliation.expectedWebhooks();
        this.inventory = inventory;
        this.jobsEnabled = jobsEnabled;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Finding> run() {
        try {
            return examine();
        } catch (RuntimeException e) { // a check never throws
            return List.of(Finding.failed(AREA, "admin api", "unexpected failure: " + e.getClass().getSimpleName(),
                    "run the doctor again; if it repeats, report it with the bridge's log"));
        }
    }

    private List<Finding> examine() {
        if (shopify.storeUrl() == null) {
            return List.of(jobsEnabled
                    ? Finding.failed(AREA, "store", "not checked: SHOPIFY_STORE_DOMAIN is not set",
                            "set SHOPIFY_STORE_DOMAIN, e.g. my-store.myshopify.com (the pollers need the Admin API)")
                    : Finding.passed(AREA, "admin api", "not checked: no SHOPIFY_STORE_DOMAIN, and only the pollers "
                            + "(off) and the commands register-webhooks and doctor need the Admin API"));
        }
        if (shopify.adminApiAccessToken() == null || shopify.adminApiAccessToken().isBlank()) {
            return List.of(Finding.failed(AREA, "token", "no Admin API token set",
                    "set SHOPIFY_ADMIN_API_ACCESS_TOKEN (a custom app's shpat_...) or SHOPIFY_API_PASSWORD (a legacy private app's password)"));
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode scopes;
        try {
            scopes = admin.query("access-scopes", Map.of());
        } catch (ShopifyAccessException e) {
            findings.add(reachable());
            findings.add(Finding.failed(AREA, "token", e.scope() == null
                            ? "Shopify refused the token in " + shopify.tokenVariable() + " (401)" : e.getMessage(),
                    "set " + shopify.tokenVariable() + " to the app's Admin API access token for " + host()
                            + " (is the app installed on this store?)"));
            return findings;
        } catch (ShopifyAdminException e) {
            findings.add(unreachable(e));
            return findings;
        }
        findings.add(reachable());
        findings.add(Finding.passed(AREA, "token", shopify.tokenVariable() + " accepted"));
        findings.add(scopes(RequiredScopes.granted(scopes)));
        findings.add(webhooks());
        findings.add(bucket());
        return findings;
    }

    private Finding reachable() {
        return Finding.passed(AREA, "store", host() + " answers the Admin API");
    }

    private Finding unreachable(ShopifyAdminException e) {
        String fix = "set SHOPIFY_STORE_DOMAIN to the store's name.myshopify.com domain (now " + shopify.storeDomain() + ")";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Finding.failed(AREA, "store", "unknown host " + host(), fix);
            }
            if (t instanceof ConnectException) {
                return Finding.failed(AREA, "store", "connection refused by " + shopify.storeUrl(), fix);
            }
        }
        return Finding.failed(AREA, "store", "no Admin API answer from " + host() + ": " + e.getMessage(),
                fix + ", and check the network to it");
    }

    @Autowired(required = false)
    void lineItems(LineItemSettings lines) {
        this.lineItems = lines.enabled();
    }

    /** The needed scopes (of the enabled jobs and the handled topics) the token lacks, each with what needs it. */
    private Finding scopes(Set<String> granted) {
        Map<String, Set<String>> needed = new TreeMap<>();
        if (jobsEnabled) {
            RequiredScopes.RECONCILIATION.forEach(s -> need(needed, s, "reconciliation"));
            RequiredScopes.SHIPMENT_CONFIRMATION.forEach(s -> need(needed, s, "shipment confirmation"));
            (inventory.shopifyKey() == InventorySettings.ShopifyKey.VARIANT_ID
                    ? RequiredScopes.INVENTORY_BY_VARIANT_ID : RequiredScopes.INVENTORY_BY_SKU)
                    .forEach(s -> need(needed, s, "inventory sync"));
        }
        RequiredScopes.REFUNDS.forEach(s -> need(needed, s, "refund writer")); // a writer: whether or not the jobs run
        if (topics.contains("ORDERS_EDITED")) { // each edit reads its order, with the customer, back from Shopify
            RequiredScopes.ORDER_EDITS.forEach(s -> need(needed, s, "order edits"));
        }
        if (lineItems && (jobsEnabled || topics.contains("ORDERS_EDITED"))) {
            RequiredScopes.LINE_ITEMS.forEach(s -> need(needed, s, "line items"));
        }
        for (String topic : topics) {
            String scope = RequiredScopes.forTopic(topic);
            if (scope != null) {
                need(needed, scope, "webhook " + topic);
            }
        }
        List<String> missing = new ArrayList<>();
        needed.forEach((scope, users) -> {
            if (!RequiredScopes.covers(granted, scope)) {
                missing.add(scope + " (" + String.join(", ", users) + ")");
            }
        });
        if (missing.isEmpty()) {
            return Finding.passed(AREA, "scopes", "the token has " + String.join(", ", needed.keySet())
                    + (jobsEnabled ? "" : " (jobs off: the webhook topics' and the refund writer's scopes only)"));
        }
        return Finding.failed(AREA, "scopes", "missing " + String.join(", ", missing), GRANT);
    }

    private static void need(Map<String, Set<String>> needed, String scope, String user) {
        needed.computeIfAbsent(scope, s -> new LinkedHashSet<>()).add(user);
    }

    private Finding webhooks() {
        String address = shopify.webhookAddress() == null ? "" : shopify.webhookAddress().trim();
        List<TopicSubscription> state;
        try {
            state = subscriptions.compare(topics, address);
        } catch (ShopifyAdminException e) {
            return Finding.failed(AREA, "webhooks", "cannot list the subscriptions: " + e.getMessage(),
                    "fix the findings above and run the doctor again");
        }
        List<String> missing = state.stream().filter(TopicSubscription::missing).map(TopicSubscription::topic).toList();
        List<String> elsewhere = state.stream().filter(TopicSubscription::onlyElsewhere)
                .map(t -> t.topic() + " delivers to " + String.join(", ", t.elsewhere())).toList();
        String register = "run java -jar storelink.jar register-webhooks"
                + (address.isEmpty() ? " --address https://<this bridge's public host>/webhooks/shopify" : "");
        if (!missing.isEmpty()) {
            return Finding.failed(AREA, "webhooks", "no subscription for " + String.join(", ", missing)
                    + (elsewhere.isEmpty() ? "" : "; " + String.join("; ", elsewhere) + ", not " + address), register);
        }
        if (!elsewhere.isEmpty()) {
            return Finding.failed(AREA, "webhooks", String.join("; ", elsewhere) + ", not " + address,
                    "if that is this bridge, set SHOPIFY_WEBHOOK_ADDRESS to it; else delete that subscription and " + register);
        }
        return Finding.passed(AREA, "webhooks", String.join(", ", topics) + (address.isEmpty()
                ? " subscribed (SHOPIFY_WEBHOOK_ADDRESS not set: their address is not compared)"
                : " deliver to " + address));
    }

    private Finding bucket() {
        BucketStatus bucket = admin.bucketStatus();
        return Finding.passed(AREA, "cost bucket", bucket == null ? "not reported by Shopify"
                : "bucket " + Math.round(bucket.maximumAvailable()) + " points, restores "
                        + Math.round(bucket.restoreRate()) + "/s");
    }

    private String host() {
        String url = shopify.storeUrl();
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}

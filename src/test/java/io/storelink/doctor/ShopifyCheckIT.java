package io.storelink.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import io.storelink.TestSettings;
import io.storelink.config.ShopifyCredentialsTest;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.shopify.admin.FakeStoreClients;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.subscriptions.WebhookSubscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The doctor's Shopify findings against the Shopify fake: a good store, then each thing that goes wrong. */
class ShopifyCheckIT {

    static final String TOKEN = "shpat_doctor";
    static final String ADDRESS = "https://bridge.example.com/webhooks/shopify";
    static final List<String> TOPICS = FakeStoreClients.handledTopics();

    private FakeShopifyAdmin shopify;

    @BeforeEach
    void start() {
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        TOPICS.forEach(t -> shopify.subscribeWebhook(t, ADDRESS));
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    @Test
    void aGoodStorePassesEveryFindingAndShowsTheBucket() {
        List<Finding> findings = run(store(shopify.url(), TOKEN), true);
        assertThat(findings).allMatch(Finding::ok, "all passed");
        assertThat(findings).extracting(Finding::area).containsOnly("Shopify");
        assertThat(findings).extracting(Finding::check).containsExactly("store", "token", "scopes", "webhooks", "cost bucket");
        assertThat(detail(findings, "token")).isEqualTo("SHOPIFY_ADMIN_API_ACCESS_TOKEN accepted");
        assertThat(detail(findings, "webhooks")).endsWith("deliver to " + ADDRESS);
        assertThat(detail(findings, "cost bucket")).isEqualTo("bucket 2000 points, restores 100/s");
    }

    @Test
    void aLegacyPrivateAppsPasswordIsTheToken() {
        ShopifySettings legacy = ShopifyCredentialsTest.settings(Map.of("SHOPIFY_STORE_DOMAIN", shopify.url(),
                "SHOPIFY_API_PASSWORD", TOKEN, "SHOPIFY_WEBHOOK_ADDRESS", ADDRESS));
        List<Finding> findings = run(legacy, true);
        assertThat(findings).allMatch(Finding::ok, "all passed");
        assertThat(detail(findings, "token")).isEqualTo("SHOPIFY_API_PASSWORD accepted");
    }

    @Test
    void aRefusedTokenNamesTheVariableInUse() {
        Finding token = finding(run(store(shopify.url(), "shpat_wrong"), true), "token");
        assertThat(token.ok()).isFalse();
        assertThat(token.detail()).contains("401");
        assertThat(token.fix()).startsWith("set SHOPIFY_ADMIN_API_ACCESS_TOKEN ");

        ShopifySettings legacy = ShopifyCredentialsTest.settings(Map.of("SHOPIFY_STORE_DOMAIN", shopify.url(),
                "SHOPIFY_API_PASSWORD", "wrong-password"));
        assertThat(finding(run(legacy, true), "token").fix()).startsWith("set SHOPIFY_API_PASSWORD ");
    }

    @Test
    void missingScopesAreNamedWithWhatNeedsThem() {
        shopify.scopes("read_orders", "read_inventory", "read_locations");
        Finding scopes = finding(run(store(shopify.url(), TOKEN), true), "scopes");
        assertThat(scopes.ok()).isFalse();
        assertThat(scopes.detail()).isEqualTo("missing read_customers (reconciliation, order edits, webhook CUSTOMERS_CREATE, "
                + "webhook CUSTOMERS_UPDATE, webhook CUSTOMERS_DELETE), "
                + "read_fulfillments (webhook FULFILLMENTS_CREATE, webhook FULFILLMENTS_UPDATE)");
        assertThat(scopes.fix()).contains("Admin API access scopes");

        shopify.scopes("read_orders", "write_fulfillments"); // jobs off: only the topics' scopes; write_ covers read_
        assertThat(finding(run(store(shopify.url(), TOKEN), false), "scopes").detail())
                .as("an edit reads its order back with the customer, and the customers/* topics need it, jobs or not")
                .isEqualTo("missing read_customers (order edits, webhook CUSTOMERS_CREATE, webhook CUSTOMERS_UPDATE, webhook CUSTOMERS_DELETE)");
        shopify.scopes("read_orders", "read_customers", "write_fulfillments");
        assertThat(finding(run(store(shopify.url(), TOKEN), false), "scopes").ok()).isTrue();
    }

    @Test
    void lineItemSyncAlsoNeedsTheVariantsScope() {
        shopify.scopes("read_orders", "read_customers", "read_fulfillments", "read_inventory", "read_locations");
        assertThat(finding(run(store(shopify.url(), TOKEN), true), "scopes").ok()).as("line items off").isTrue();
        assertThat(finding(run(store(shopify.url(), TOKEN), true, true), "scopes").detail())
                .isEqualTo("missing read_products (line items)");
    }

    @Test
    void aMissingSubscriptionSaysToRegisterTheWebhooks() {
        shopify.unsubscribeWebhook("ORDERS_PAID");
        Finding webhooks = finding(run(store(shopify.url(), TOKEN), true), "webhooks");
        assertThat(webhooks.ok()).isFalse();
        assertThat(webhooks.detail()).isEqualTo("no subscription for ORDERS_PAID");
        assertThat(webhooks.fix()).isEqualTo("run java -jar storelink.jar register-webhooks");
    }

    @Test
    void aSubscriptionElsewhereSaysWhichAndWhere() {
        shopify.unsubscribeWebhook("ORDERS_CANCELLED");
        shopify.subscribeWebhook("ORDERS_CANCELLED", "https://old-bridge.example.com/hooks");
        Finding webhooks = finding(run(store(shopify.url(), TOKEN), true), "webhooks");
        assertThat(webhooks.ok()).isFalse();
        assertThat(webhooks.detail()).isEqualTo("ORDERS_CANCELLED delivers to https://old-bridge.example.com/hooks, not " + ADDRESS);
        assertThat(webhooks.fix()).contains("SHOPIFY_WEBHOOK_ADDRESS").contains("register-webhooks");
    }

    @Test
    void anUnreachableStoreNamesTheDomainSetting() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Finding refused = finding(run(store("http://127.0.0.1:" + closed, TOKEN), true), "store");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.detail()).startsWith("connection refused");
        assertThat(refused.fix()).startsWith("set SHOPIFY_STORE_DOMAIN");

        List<Finding> unknown = run(store("no-such-store.invalid", TOKEN), true);
        assertThat(unknown).singleElement().satisfies(f -> {
            assertThat(f.ok()).isFalse();
            assertThat(f.detail()).isEqualTo("unknown host no-such-store.invalid");
            assertThat(f.fix()).startsWith("set SHOPIFY_STORE_DOMAIN");
        });
    }

    @Test
    void withoutAStoreAndWithTheJobsOffTheAdminApiIsNotChecked() {
        List<Finding> off = run(store(null, null), false);
        assertThat(off).singleElement().satisfies(f -> {
            assertThat(f.ok()).isTrue();
            assertThat(f.detail()).startsWith("not checked");
        });
        assertThat(run(store(null, null), true)).singleElement().satisfies(f -> assertThat(f.ok()).isFalse());
    }

    private static ShopifySettings store(String domain, String token) {
        return new ShopifySettings("secret", domain, token, null, null, null, null, ADDRESS);
    }

    private static List<Finding> run(ShopifySettings store, boolean jobsEnabled) {
        return run(store, jobsEnabled, false);
    }

    private static List<Finding> run(ShopifySettings store, boolean jobsEnabled, boolean lineItems) {
        ShopifyAdmin admin = FakeStoreClients.client(store);
        ShopifyCheck check = new ShopifyCheck(store, admin, new WebhookSubscriptions(admin), FakeStoreClients.reconciliation(),
                TestSettings.inventory(), jobsEnabled);
        check.lineItems(new io.storelink.lineitems.LineItemSettings(lineItems, null, null, null, null, null));
        List<Finding> findings = check.run();
        findings.forEach(f -> System.out.println((f.ok() ? "✔ " : "✘ ") + f.check() + ": " + f.detail()
                + (f.ok() ? "" : "\n    fix: " + f.fix())));
        return findings;
    }

    private static Finding finding(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + check + " in " + findings));
    }

    private static String detail(List<Finding> findings, String check) {
        return finding(findings, check).detail();
    }
}

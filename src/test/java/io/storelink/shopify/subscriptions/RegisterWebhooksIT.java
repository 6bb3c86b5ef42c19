package io.storelink.shopify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.storelink.StorelinkApplication;
import io.storelink.command.Commands;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.shopify.admin.FakeStoreClients;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code register-webhooks} against the Shopify fake's real schema: creates only what is missing, says what it found. */
class RegisterWebhooksIT {

    static final String TOKEN = "shpat_register";
    static final String ADDRESS = "https://bridge.example.com/webhooks/shopify";
    static final List<String> TOPICS = FakeStoreClients.handledTopics();

    private FakeShopifyAdmin shopify;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
    }

    @AfterEach
    void stop() {
        shopify.close();
    }

    @Test
    void createsEveryTopicThenNothingOnASecondRun() {
        assertThat(run(ADDRESS, "--address", ADDRESS)).isZero();
        TOPICS.forEach(t -> assertThat(shopify.webhookUris(t)).as(t).containsExactly(ADDRESS));
        assertThat(output()).contains("  ORDERS_CREATE          created").contains(TOPICS.size() + " of " + TOPICS.size() + " topics deliver to " + ADDRESS);
        assertThat(shopify.requests("WebhookSubscriptionCreate")).isEqualTo(TOPICS.size());

        printed.reset();
        assertThat(run(ADDRESS)).as("the setting is the default address").isZero();
        assertThat(shopify.requests("WebhookSubscriptionCreate")).as("idempotent").isEqualTo(TOPICS.size());
        assertThat(output()).contains("  FULFILLMENTS_UPDATE    already there").doesNotContain("created");
    }

    @Test
    void reportsWhatPointsElsewhereWithoutChangingIt() {
        shopify.subscribeWebhook("ORDERS_CREATE", ADDRESS);
        shopify.subscribeWebhook("ORDERS_PAID", "https://old-bridge.example.com/hooks");
        assertThat(run("", "--address=" + ADDRESS)).as("not every topic delivers here").isEqualTo(1);
        assertThat(output())
                .contains("  ORDERS_CREATE          already there")
                .contains("  ORDERS_PAID            points elsewhere: https://old-bridge.example.com/hooks (not changed)")
                .contains("  ORDERS_UPDATED         created")
                .contains((TOPICS.size() - 1) + " of " + TOPICS.size() + " topics deliver to " + ADDRESS);
        assertThat(shopify.webhookUris("ORDERS_PAID")).containsExactly("https://old-bridge.example.com/hooks");
        assertThat(shopify.webhookUris("ORDERS_CREATE")).containsExactly(ADDRESS);
    }

    @Test
    void printsShopifysUserErrorsVerbatim() {
        assertThat(run("", "--address", "http://bridge.example.com/webhooks/shopify")).isEqualTo(1);
        assertThat(output()).contains("  ORDERS_CREATE          not created: webhookSubscription.uri: Address protocol http:// is not supported")
                .contains("0 of " + TOPICS.size() + " topics deliver to");
    }

    @Test
    void aTopicWithoutItsScopeIsNotCreatedAndSaysWhichScope() {
        shopify.scopes("read_orders");
        assertThat(run(ADDRESS)).isEqualTo(1);
        assertThat(output()).contains("  ORDERS_CANCELLED       created")
                .contains("  FULFILLMENTS_CREATE    not created: Shopify denied WebhookSubscriptionCreate: the app needs the read_fulfillments scope");
    }

    @Test
    void withoutAnAddressItPrintsTheUsage() {
        assertThat(run("")).isEqualTo(2);
        assertThat(output()).startsWith("usage: java -jar storelink.jar register-webhooks").contains("SHOPIFY_WEBHOOK_ADDRESS");
        printed.reset();
        assertThat(run(ADDRESS, "--address")).isEqualTo(2);
        assertThat(run(ADDRESS, "--unknown")).isEqualTo(2);
        assertThat(shopify.requests()).isZero();
    }

    /** The jar's way in: the command profile's Spring context, the settings from the environment (here properties). */
    @Test
    void runsAsACommandOfTheJar() {
        Map<String, String> environment = Map.of("SHOPIFY_STORE_DOMAIN", shopify.url(), "SHOPIFY_API_PASSWORD", TOKEN,
                "SHOPIFY_WEBHOOK_ADDRESS", ADDRESS);
        environment.forEach(System::setProperty);
        try {
            int status = Commands.run(StorelinkApplication.class, new String[] {"register-webhooks"},
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(status).as(output()).isZero();
        } finally {
            environment.keySet().forEach(System::clearProperty);
        }
        assertThat(output()).contains(TOPICS.size() + " of " + TOPICS.size() + " topics deliver to " + ADDRESS);
        TOPICS.forEach(t -> assertThat(shopify.webhookUris(t)).as(t).containsExactly(ADDRESS));
    }

    private int run(String settingAddress, String... arguments) {
        ShopifySettings store = new ShopifySettings("secret", shopify.url(), TOKEN, null, null, null, null, settingAddress);
        ShopifyAdmin admin = FakeStoreClients.client(store);
        RegisterWebhooksCommand command = new RegisterWebhooksCommand(new WebhookSubscriptions(admin), store,
                FakeStoreClients.reconciliation());
        int status = command.run(List.of(arguments), new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.print(output());
        return status;
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}

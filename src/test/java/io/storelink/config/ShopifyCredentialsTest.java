package io.storelink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.storelink.shopify.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The credentials of every set-up guide reach the bridge through application.yaml's nested placeholders: a custom
 * app's API secret key or a legacy private app's shared secret signs the webhooks when SHOPIFY_WEBHOOK_SECRET is
 * unset, and a private app's password is the Admin API token. The variables stand in for the environment.
 */
public class ShopifyCredentialsTest {

    private static final byte[] BODY = "{\"id\":820982911946154508}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWebhookSignedWithTheApiSecretKeyVerifiesWhenOnlyThatKeyIsSet() throws Exception {
        ShopifySettings shopify = settings(Map.of("SHOPIFY_API_SECRET_KEY", "custom-app-secret"));
        assertThat(new WebhookSignature(shopify).verifies(BODY, sign("custom-app-secret"))).isTrue();
        assertThat(new WebhookSignature(shopify).verifies(BODY, sign("other"))).isFalse();
    }

    @Test
    void aWebhookSignedWithTheSharedSecretVerifiesWhenOnlyThatSecretIsSet() throws Exception {
        ShopifySettings shopify = settings(Map.of("SHOPIFY_SHARED_SECRET", "private-app-shared-secret"));
        assertThat(new WebhookSignature(shopify).verifies(BODY, sign("private-app-shared-secret"))).isTrue();
    }

    @Test
    void theWebhookSecretComesFirstThenTheApiSecretKey() {
        assertThat(settings(Map.of("SHOPIFY_WEBHOOK_SECRET", "a", "SHOPIFY_API_SECRET_KEY", "b", "SHOPIFY_SHARED_SECRET", "c"))
                .webhookSecretList()).containsExactly("a");
        assertThat(settings(Map.of("SHOPIFY_API_SECRET_KEY", "b", "SHOPIFY_SHARED_SECRET", "c")).webhookSecretList())
                .containsExactly("b");
        assertThat(settings(Map.of()).webhookSecretList()).isEmpty();
    }

    @Test
    void thePrivateAppsPasswordIsTheTokenWhenNoCustomAppTokenIsSet() {
        ShopifySettings legacy = settings(Map.of("SHOPIFY_API_PASSWORD", "shppa_legacy"));
        assertThat(legacy.adminApiAccessToken()).isEqualTo("shppa_legacy");
        assertThat(legacy.tokenVariable()).isEqualTo("SHOPIFY_API_PASSWORD");

        ShopifySettings both = settings(Map.of("SHOPIFY_API_PASSWORD", "shppa_legacy", "SHOPIFY_ADMIN_API_ACCESS_TOKEN", "shpat_x"));
        assertThat(both.adminApiAccessToken()).isEqualTo("shpat_x");
        assertThat(both.tokenVariable()).isEqualTo("SHOPIFY_ADMIN_API_ACCESS_TOKEN");
        assertThat(settings(Map.of()).tokenVariable()).isEqualTo("SHOPIFY_ADMIN_API_ACCESS_TOKEN");
    }

    @Test
    void theWebhookAddressIsASetting() {
        assertThat(settings(Map.of("SHOPIFY_WEBHOOK_ADDRESS", "https://bridge.example.com/webhooks/shopify")).webhookAddress())
                .isEqualTo("https://bridge.example.com/webhooks/shopify");
        assertThat(settings(Map.of()).webhookAddress()).isEmpty();
    }

    /** ShopifySettings bound from the real application.yaml with {@code variables} as the environment. */
    public static ShopifySettings settings(Map<String, Object> variables) {
        try {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            env.getPropertySources().addLast(new YamlPropertySourceLoader()
                    .load("application.yaml", new FileSystemResource("application.yaml")).get(0));
            env.getPropertySources().addFirst(new MapPropertySource("environment", variables));
            return Binder.get(env).bindOrCreate("storelink.shopify", ShopifySettings.class);
        } catch (IOException e) {
            throw new IllegalStateException("application.yaml in the project directory", e);
        }
    }

    private static String sign(String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(BODY));
    }
}

package io.storelink.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storelink.StorelinkApplication;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** A missing setting stops start-up with a message naming the environment variable to set. */
class StartupSettingsIT {

    private static final Map<String, String> COMPLETE = Map.of(
            "storelink.shopify.webhook-secrets", "s",
            "storelink.salesforce.login-url", "http://127.0.0.1:9",
            "storelink.salesforce.client-id", "id",
            "storelink.salesforce.client-secret", "secret",
            "storelink.salesforce.username", "",
            "storelink.salesforce.password", "",
            "storelink.shopify.store-domain", "test.myshopify.com",
            "storelink.shopify.admin-api-access-token", "shpat_x");

    @Test
    void missingWebhookSecret() {
        assertStartupFailsNaming("SHOPIFY_WEBHOOK_SECRET", "storelink.shopify.webhook-secrets", " , ");
    }

    @Test
    void missingClientCredentials() {
        assertStartupFailsNaming("SALESFORCE_CLIENT_ID", "storelink.salesforce.client-id", "");
        assertStartupFailsNaming("SALESFORCE_CLIENT_SECRET", "storelink.salesforce.client-secret", "");
    }

    @Test
    void usernameWithoutPasswordAndPasswordWithoutUsername() {
        assertStartupFailsNaming("SALESFORCE_PASSWORD", "storelink.salesforce.username", "api@example.com");
        assertStartupFailsNaming("SALESFORCE_USERNAME", "storelink.salesforce.password", "pw");
    }

    @Test
    void thePollersNeedTheStoreAndItsAdminTokenUnlessTheyAreOff() {
        assertStartupFailsNaming("SHOPIFY_STORE_DOMAIN", "storelink.shopify.store-domain", "");
        assertStartupFailsNaming("SHOPIFY_ADMIN_API_ACCESS_TOKEN", "storelink.shopify.admin-api-access-token", "");
    }

    private static void assertStartupFailsNaming(String variable, String property, String value) {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.put(property, value);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplication app = new SpringApplication(StorelinkApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run(args).close())
                .hasRootCauseInstanceOf(MissingSettingException.class)
                .rootCause().hasMessageContaining("Missing required setting " + variable);
    }
}

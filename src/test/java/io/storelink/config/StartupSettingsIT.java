package io.storelink.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storelink.StorelinkApplication;
import io.storelink.salesforce.login.LoginSettingsException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** A missing setting, or login settings that cannot work, stop start-up with a message naming the environment variable to set. */
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

    @Test
    void settingsOfTwoLoginFlowsWithoutAuthTypeAreRefused() {
        assertStartupFailsNaming("SALESFORCE_AUTH_TYPE", Map.of("storelink.salesforce.username", "api@example.com",
                "storelink.salesforce.password", "pw", "storelink.salesforce.refresh-token", "5Aep861"));
        assertStartupFailsNaming("SALESFORCE_AUTH_TYPE", Map.of("storelink.salesforce.auth-type", "oauth2"));
    }

    @Test
    void eachFlowNeedsItsOwnSettings() {
        assertStartupFailsNaming("SALESFORCE_USERNAME", Map.of("storelink.salesforce.jwt.key-file", "/keys/jwt.pem"));
        assertStartupFailsNaming("SALESFORCE_REFRESH_TOKEN", Map.of("storelink.salesforce.auth-type", "refresh_token"));
        assertStartupFailsNaming("SALESFORCE_JWT_KEY_FILE", Map.of("storelink.salesforce.auth-type", "jwt",
                "storelink.salesforce.username", "api@example.com"));
        assertStartupFailsNaming("SALESFORCE_CLIENT_SECRET", Map.of("storelink.salesforce.client-secret", "",
                "storelink.salesforce.username", "api@example.com", "storelink.salesforce.password", "pw"));
    }

    @Test
    void anUnreadableJwtKeyFileFailsTheStartNamingIt() {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.putAll(Map.of("storelink.salesforce.jwt.key-file", "/nonexistent/jwt.pem",
                "storelink.salesforce.username", "api@example.com", "storelink.shopify.store-domain", ""));
        settings.put("storelink.jobs.enabled", "false");
        assertThatThrownBy(() -> run(settings))
                .hasRootCauseInstanceOf(LoginSettingsException.class)
                .rootCause().hasMessageContaining("SALESFORCE_JWT_KEY_FILE");
    }

    private static void assertStartupFailsNaming(String variable, String property, String value) {
        Map<String, String> settings = new HashMap<>();
        settings.put(property, value);
        assertStartupFailsNaming(variable, settings);
    }

    private static void assertStartupFailsNaming(String variable, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(COMPLETE);
        settings.putAll(overrides);
        assertThatThrownBy(() -> run(settings))
                .hasRootCauseInstanceOf(MissingSettingException.class)
                .rootCause().hasMessageContaining("Missing required setting " + variable);
    }

    private static void run(Map<String, String> settings) {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplication app = new SpringApplication(StorelinkApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.run(args).close();
    }
}

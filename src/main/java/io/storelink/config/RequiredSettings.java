package io.storelink.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Checks at start-up that the settings the intake and the writer cannot work without are present. */
@Component
public class RequiredSettings {

    public RequiredSettings(ShopifySettings shopify, SalesforceSettings salesforce,
                            @Value("${storelink.jobs.enabled}") boolean jobsEnabled) {
        require("SHOPIFY_WEBHOOK_SECRET", !shopify.webhookSecretList().isEmpty(),
                "webhooks cannot be verified without the app's client secret (comma-separate two during a rotation)");
        require("SALESFORCE_LOGIN_URL", present(salesforce.loginUrl()),
                "the login host or the org's My Domain URL, e.g. https://mycompany.my.salesforce.com");
        require("SALESFORCE_CLIENT_ID", present(salesforce.clientId()), "the Connected App's consumer key");
        require("SALESFORCE_CLIENT_SECRET", present(salesforce.clientSecret()), "the Connected App's consumer secret");
        if (!salesforce.usesPasswordFlow()) {
            require("SALESFORCE_USERNAME", !present(salesforce.password()),
                    "SALESFORCE_PASSWORD is set, so the username-password flow needs the username");
        } else {
            require("SALESFORCE_PASSWORD", present(salesforce.password()),
                    "SALESFORCE_USERNAME is set, so the username-password flow needs the password");
        }
        if (jobsEnabled) {
            String intakeOnly = " (or STORELINK_JOBS_ENABLED=false to run without the pollers)";
            require("SHOPIFY_STORE_DOMAIN", present(shopify.storeDomain()),
                    "the pollers call the store's Admin API, e.g. my-store.myshopify.com" + intakeOnly);
            require("SHOPIFY_ADMIN_API_ACCESS_TOKEN", present(shopify.adminApiAccessToken()),
                    "the pollers' Admin API token (shpat_...)" + intakeOnly);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(String variable, boolean present, String why) {
        if (!present) {
            throw new MissingSettingException(variable, why);
        }
    }
}

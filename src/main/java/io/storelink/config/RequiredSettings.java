package io.storelink.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The settings the intake and the writer cannot work without. The bridge refuses to start without them
 * ({@link RequiredSettingsAtStart}); the doctor lists every one that is missing.
 */
@Component
public class RequiredSettings {

    private final ShopifySettings shopify;
    private final SalesforceSettings salesforce;
    private final boolean jobsEnabled;

    public RequiredSettings(ShopifySettings shopify, SalesforceSettings salesforce,
                            @Value("${storelink.jobs.enabled}") boolean jobsEnabled) {
        this.shopify = shopify;
        this.salesforce = salesforce;
        this.jobsEnabled = jobsEnabled;
    }

    /** Every required setting that is absent, in the order of the README's configuration table. */
    public List<MissingSettingException> missing() {
        List<MissingSettingException> missing = new ArrayList<>();
        require(missing, "SHOPIFY_WEBHOOK_SECRET", !shopify.webhookSecretList().isEmpty(),
                "webhooks cannot be verified without the app's client secret (comma-separate two during a rotation); "
                        + "or SHOPIFY_API_SECRET_KEY (a custom app's API secret key) or SHOPIFY_SHARED_SECRET (a legacy private app's)");
        require(missing, "SALESFORCE_LOGIN_URL", present(salesforce.loginUrl()),
                "the login host or the org's My Domain URL, e.g. https://mycompany.my.salesforce.com");
        require(missing, "SALESFORCE_CLIENT_ID", present(salesforce.clientId()), "the Connected App's consumer key");
        require(missing, "SALESFORCE_CLIENT_SECRET", present(salesforce.clientSecret()), "the Connected App's consumer secret");
        if (!salesforce.usesPasswordFlow()) {
            require(missing, "SALESFORCE_USERNAME", !present(salesforce.password()),
                    "SALESFORCE_PASSWORD is set, so the username-password flow needs the username");
        } else {
            require(missing, "SALESFORCE_PASSWORD", present(salesforce.password()),
                    "SALESFORCE_USERNAME is set, so the username-password flow needs the password");
        }
        if (jobsEnabled) {
            String intakeOnly = " (or STORELINK_JOBS_ENABLED=false to run without the pollers)";
            require(missing, "SHOPIFY_STORE_DOMAIN", present(shopify.storeDomain()),
                    "the pollers call the store's Admin API, e.g. my-store.myshopify.com" + intakeOnly);
            require(missing, "SHOPIFY_ADMIN_API_ACCESS_TOKEN", present(shopify.adminApiAccessToken()),
                    "the pollers' Admin API token (shpat_...), or SHOPIFY_API_PASSWORD for a legacy private app" + intakeOnly);
        }
        return missing;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(List<MissingSettingException> missing, String variable, boolean present, String why) {
        if (!present) {
            missing.add(new MissingSettingException(variable, why));
        }
    }
}

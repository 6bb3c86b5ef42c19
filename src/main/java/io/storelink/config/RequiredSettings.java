package io.storelink.config;

import java.util.ArrayList;
import java.util.List;

import io.storelink.salesforce.login.LoginFlow;
import io.storelink.salesforce.login.LoginSettingsException;
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
        salesforceFlow(missing);
        if (jobsEnabled) {
            String intakeOnly = " (or STORELINK_JOBS_ENABLED=false to run without the pollers)";
            require(missing, "SHOPIFY_STORE_DOMAIN", present(shopify.storeDomain()),
                    "the pollers call the store's Admin API, e.g. my-store.myshopify.com" + intakeOnly);
            require(missing, "SHOPIFY_ADMIN_API_ACCESS_TOKEN", present(shopify.adminApiAccessToken()),
                    "the pollers' Admin API token (shpat_...), or SHOPIFY_API_PASSWORD for a legacy private app" + intakeOnly);
        }
        return missing;
    }

    /** What the chosen login flow needs besides the client id (README "Salesforce credentials"). */
    private void salesforceFlow(List<MissingSettingException> missing) {
        LoginFlow flow;
        try {
            flow = LoginFlow.of(salesforce);
        } catch (LoginSettingsException e) {
            missing.add(new MissingSettingException(e.variable(), e.getMessage()));
            return;
        }
        String secret = "the Connected App's consumer secret";
        switch (flow) {
            case CLIENT_CREDENTIALS -> require(missing, "SALESFORCE_CLIENT_SECRET", present(salesforce.clientSecret()), secret);
            case PASSWORD -> {
                require(missing, "SALESFORCE_CLIENT_SECRET", present(salesforce.clientSecret()), secret);
                require(missing, "SALESFORCE_USERNAME", present(salesforce.username()),
                        "SALESFORCE_PASSWORD is set, so the username-password flow needs the username");
                require(missing, "SALESFORCE_PASSWORD", present(salesforce.password()),
                        "SALESFORCE_USERNAME is set, so the username-password flow needs the password");
            }
            case REFRESH_TOKEN -> require(missing, "SALESFORCE_REFRESH_TOKEN", present(salesforce.refreshToken()),
                    "SALESFORCE_AUTH_TYPE is refresh_token, so the refresh token flow needs the refresh token");
            case JWT -> {
                require(missing, "SALESFORCE_USERNAME", present(salesforce.username()),
                        "the JWT bearer flow logs in as this pre-authorized user (the assertion's subject)");
                require(missing, "SALESFORCE_JWT_KEY_FILE", present(salesforce.jwt().keyFile()),
                        "SALESFORCE_AUTH_TYPE is jwt, so the JWT bearer flow needs the private key that signs its assertion");
            }
        }
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

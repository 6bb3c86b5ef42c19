package io.storelink.config;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Shopify connection. Secrets come from the environment variables named in application.yaml.
 *
 * @param webhookSecrets comma-separated: during a secret rotation both the old and the new secret verify
 * @param storeDomain    {@code name.myshopify.com} or a full URL (a local fake: {@code http://127.0.0.1:9998})
 * @param adminApiAccessToken a custom app's token, or (application.yaml) a legacy private app's password
 * @param apiPassword    a legacy private app's password, kept to name {@code SHOPIFY_API_PASSWORD} when it is the token
 * @param webhookAddress the public HTTPS address Shopify delivers webhooks to; empty when not set
 */
@ConfigurationProperties("storelink.shopify")
public record ShopifySettings(
        String webhookSecrets,
        String storeDomain,
        String adminApiAccessToken,
        String apiKey,
        String apiSecretKey,
        DataSize maxWebhookSize,
        String apiPassword,
        String webhookAddress) {

    public ShopifySettings {
        if (maxWebhookSize == null) {
            maxWebhookSize = DataSize.ofMegabytes(5);
        }
    }

    public List<String> webhookSecretList() {
        if (webhookSecrets == null) {
            return List.of();
        }
        return Arrays.stream(webhookSecrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The environment variable the Admin API token came from: what to fix when Shopify refuses it. */
    public String tokenVariable() {
        boolean password = apiPassword != null && !apiPassword.isBlank() && apiPassword.equals(adminApiAccessToken);
        return password ? "SHOPIFY_API_PASSWORD" : "SHOPIFY_ADMIN_API_ACCESS_TOKEN";
    }

    /** The store's base URL: https for a bare domain, as given when a scheme is present. */
    public String storeUrl() {
        if (storeDomain == null || storeDomain.isBlank()) {
            return null;
        }
        String d = storeDomain.trim().replaceAll("/+$", "");
        return d.contains("://") ? d : "https://" + d;
    }
}

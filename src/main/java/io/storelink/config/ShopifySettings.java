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
 */
@ConfigurationProperties("storelink.shopify")
public record ShopifySettings(
        String webhookSecrets,
        String storeDomain,
        String adminApiAccessToken,
        String apiKey,
        String apiSecretKey,
        DataSize maxWebhookSize) {

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

    /** The store's base URL: https for a bare domain, as given when a scheme is present. */
    public String storeUrl() {
        if (storeDomain == null || storeDomain.isBlank()) {
            return null;
        }
        String d = storeDomain.trim().replaceAll("/+$", "");
        return d.contains("://") ? d : "https://" + d;
    }
}

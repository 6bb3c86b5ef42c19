package io.storelink.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Salesforce connection, handed to the camel-salesforce component in application.yaml. The component picks
 * the OAuth flow from what is set: a password (followed by the security token) selects the username-password
 * flow; only client id and secret select client credentials, which Salesforce accepts only on the org's My
 * Domain URL.
 */
@ConfigurationProperties("storelink.salesforce")
public record SalesforceSettings(
        String loginUrl,
        String clientId,
        String clientSecret,
        String username,
        String password,
        String securityToken,
        String apiVersion) {

    public boolean usesPasswordFlow() {
        return username != null && !username.isBlank();
    }

}

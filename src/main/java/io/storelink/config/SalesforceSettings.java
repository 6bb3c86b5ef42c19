package io.storelink.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Salesforce connection. The plain values go to the camel-salesforce component in application.yaml; the OAuth
 * flow ({@link io.storelink.salesforce.login.LoginFlow}) and what only that flow sends are set on the component
 * by {@link io.storelink.salesforce.login.SalesforceLoginCustomizer}.
 */
@ConfigurationProperties("storelink.salesforce")
public record SalesforceSettings(
        String loginUrl,
        String clientId,
        String clientSecret,
        String username,
        String password,
        String securityToken,
        String apiVersion,
        String authType,
        String refreshToken,
        Jwt jwt) {

    @ConstructorBinding
    public SalesforceSettings {
    }

    /** The settings of the client credentials and password flows only (tests and callers written before the other flows). */
    public SalesforceSettings(String loginUrl, String clientId, String clientSecret, String username, String password,
                              String securityToken, String apiVersion) {
        this(loginUrl, clientId, clientSecret, username, password, securityToken, apiVersion, null, null, null);
    }

    /** JWT bearer flow: the private key whose certificate is uploaded to the Connected App, and the audience. */
    public record Jwt(String keyFile, String keyPassword, String audience) {
    }

    public Jwt jwt() {
        return jwt == null ? new Jwt(null, null, null) : jwt;
    }
}

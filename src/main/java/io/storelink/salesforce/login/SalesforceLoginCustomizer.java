package io.storelink.salesforce.login;

import java.nio.file.Path;
import java.util.Objects;

import io.storelink.config.SalesforceSettings;
import org.apache.camel.Component;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.spi.ComponentCustomizer;

/**
 * Hands the chosen {@link LoginFlow} to camel-salesforce, which implements every flow: the flow set explicitly
 * (Camel's own guess refuses some combinations and would send a password the merchant left from an earlier
 * flow), and only what that flow sends: the password with the security token appended only for the password
 * flow, the refresh token only for its flow, the signing key and audience only for JWT. The plain values
 * (login URL, client id and secret, lazy login) come from camel.component.salesforce.* in application.yaml; this
 * customizer runs after Camel has bound them and gives the component a finished login configuration, one whose
 * text hides the refresh token ({@link RedactedLoginConfig}). The JWT key file is read here, when Camel creates
 * the component, so an unreadable one fails the start.
 */
@org.springframework.stereotype.Component
public class SalesforceLoginCustomizer implements ComponentCustomizer {

    private final SalesforceSettings settings;

    public SalesforceLoginCustomizer(SalesforceSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return target instanceof SalesforceComponent;
    }

    @Override
    public int getOrder() {
        return LOWEST; // after the starter's customizer, which binds camel.component.salesforce.* (order 0)
    }

    @Override
    public void configure(String name, Component target) {
        SalesforceComponent component = (SalesforceComponent) target;
        component.setLoginConfig(loginConfig(component));
    }

    SalesforceLoginConfig loginConfig(SalesforceComponent component) {
        LoginFlow flow = LoginFlow.of(settings);
        SalesforceLoginConfig config = new RedactedLoginConfig();
        config.setType(flow.camelType());
        config.setLoginUrl(component.getLoginUrl());
        config.setInstanceUrl(component.getInstanceUrl());
        config.setClientId(component.getClientId());
        config.setClientSecret(blankToNull(component.getClientSecret()));
        config.setLazyLogin(component.isLazyLogin());
        switch (flow) {
            case PASSWORD -> {
                config.setUserName(settings.username());
                config.setPassword(Objects.toString(settings.password(), "") + Objects.toString(settings.securityToken(), ""));
            }
            case REFRESH_TOKEN -> config.setRefreshToken(settings.refreshToken());
            case JWT -> {
                config.setUserName(settings.username());
                config.setKeystore(JwtSigningKey.read(Path.of(settings.jwt().keyFile().trim()), settings.jwt().keyPassword())
                        .keyStoreParameters());
                config.setJwtAudience(blankToNull(settings.jwt().audience()));
            }
            case CLIENT_CREDENTIALS -> {
                // client id and secret only
            }
        }
        return config;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

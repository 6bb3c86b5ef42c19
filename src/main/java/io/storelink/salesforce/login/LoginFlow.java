package io.storelink.salesforce.login;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.storelink.config.SalesforceSettings;
import org.apache.camel.component.salesforce.AuthenticationType;

/**
 * The OAuth flow the bridge logs in with. SALESFORCE_AUTH_TYPE forces one; otherwise it follows from what is
 * set: a JWT key file, a refresh token, a password (or a username without a key file), else client credentials.
 * Settings of two flows at once without SALESFORCE_AUTH_TYPE are refused rather than guessed: camel-salesforce
 * would guess differently for some combinations, and a merchant half-way through switching flows should be told.
 */
public enum LoginFlow {

    CLIENT_CREDENTIALS("client_credentials", AuthenticationType.CLIENT_CREDENTIALS),
    PASSWORD("password", AuthenticationType.USERNAME_PASSWORD),
    REFRESH_TOKEN("refresh_token", AuthenticationType.REFRESH_TOKEN),
    JWT("jwt", AuthenticationType.JWT);

    public static final String VARIABLE = "SALESFORCE_AUTH_TYPE";

    private final String setting;
    private final AuthenticationType camelType;

    LoginFlow(String setting, AuthenticationType camelType) {
        this.setting = setting;
        this.camelType = camelType;
    }

    /** The value of SALESFORCE_AUTH_TYPE that forces this flow. */
    public String setting() {
        return setting;
    }

    public AuthenticationType camelType() {
        return camelType;
    }

    /** The flow the settings select; a {@link LoginSettingsException} naming the variables when none can be chosen. */
    public static LoginFlow of(SalesforceSettings settings) {
        if (present(settings.authType())) {
            return forced(settings.authType().trim());
        }
        List<String> signals = new ArrayList<>();
        if (present(settings.jwt().keyFile())) {
            signals.add("SALESFORCE_JWT_KEY_FILE");
        }
        if (present(settings.refreshToken())) {
            signals.add("SALESFORCE_REFRESH_TOKEN");
        }
        if (present(settings.password())) {
            signals.add("SALESFORCE_PASSWORD");
        }
        if (signals.size() > 1) {
            throw new LoginSettingsException(VARIABLE, String.join(" and ", signals) + " are set together, settings of "
                    + "different login flows: set " + VARIABLE + " to the flow to use (" + allowed() + ") or unset one of them");
        }
        if (present(settings.jwt().keyFile())) {
            return JWT;
        }
        if (present(settings.refreshToken())) {
            return REFRESH_TOKEN;
        }
        if (present(settings.password()) || present(settings.username())) {
            return PASSWORD;
        }
        return CLIENT_CREDENTIALS;
    }

    private static LoginFlow forced(String value) {
        return Arrays.stream(values()).filter(f -> f.setting.equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new LoginSettingsException(VARIABLE,
                        VARIABLE + " '" + value + "' is not a login flow; allowed: " + allowed()
                                + " (or empty: the flow follows from what is set)"));
    }

    private static String allowed() {
        return Arrays.stream(values()).map(LoginFlow::setting).collect(Collectors.joining(", "));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

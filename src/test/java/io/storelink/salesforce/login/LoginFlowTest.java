package io.storelink.salesforce.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storelink.config.SalesforceSettings;
import org.junit.jupiter.api.Test;

/** The flow follows from what is set, SALESFORCE_AUTH_TYPE forces one, and two flows' settings are refused. */
class LoginFlowTest {

    @Test
    void followsFromWhatIsSet() {
        assertThat(LoginFlow.of(settings(null, null, null, null, null))).isEqualTo(LoginFlow.CLIENT_CREDENTIALS);
        assertThat(LoginFlow.of(settings(null, "api@example.com", "pw", null, null))).isEqualTo(LoginFlow.PASSWORD);
        assertThat(LoginFlow.of(settings(null, "api@example.com", "", null, ""))).isEqualTo(LoginFlow.PASSWORD);
        assertThat(LoginFlow.of(settings(null, null, null, "5Aep861refresh", null))).isEqualTo(LoginFlow.REFRESH_TOKEN);
        assertThat(LoginFlow.of(settings("", "api@example.com", null, null, "/keys/jwt.pem"))).isEqualTo(LoginFlow.JWT);
    }

    @Test
    void authTypeForcesTheFlowWhateverElseIsSet() {
        assertThat(LoginFlow.of(settings("jwt", "api@example.com", "pw", "5Aep861refresh", "/keys/jwt.pem"))).isEqualTo(LoginFlow.JWT);
        assertThat(LoginFlow.of(settings(" Refresh_Token ", null, "pw", "5Aep861refresh", null))).isEqualTo(LoginFlow.REFRESH_TOKEN);
        assertThat(LoginFlow.of(settings("client_credentials", "api@example.com", "pw", null, null)))
                .isEqualTo(LoginFlow.CLIENT_CREDENTIALS);
        assertThat(LoginFlow.of(settings("password", null, null, null, null))).isEqualTo(LoginFlow.PASSWORD);
    }

    @Test
    void unknownAuthTypeListsTheAllowedValues() {
        assertThatThrownBy(() -> LoginFlow.of(settings("oauth", null, null, null, null)))
                .isInstanceOf(LoginSettingsException.class)
                .hasMessageContaining("SALESFORCE_AUTH_TYPE 'oauth'")
                .hasMessageContaining("client_credentials, password, refresh_token, jwt");
    }

    @Test
    void twoFlowsWithoutAuthTypeNameBothVariablesAndAuthType() {
        assertThatThrownBy(() -> LoginFlow.of(settings(null, "api@example.com", "pw", "5Aep861refresh", null)))
                .isInstanceOfSatisfying(LoginSettingsException.class, e -> assertThat(e.variable()).isEqualTo("SALESFORCE_AUTH_TYPE"))
                .hasMessageContaining("SALESFORCE_REFRESH_TOKEN and SALESFORCE_PASSWORD")
                .hasMessageContaining("SALESFORCE_AUTH_TYPE")
                .hasMessageNotContaining("5Aep861refresh");
        assertThatThrownBy(() -> LoginFlow.of(settings(null, "api@example.com", null, "5Aep861refresh", "/keys/jwt.pem")))
                .hasMessageContaining("SALESFORCE_JWT_KEY_FILE and SALESFORCE_REFRESH_TOKEN");
        assertThatThrownBy(() -> LoginFlow.of(settings(null, "api@example.com", "pw", null, "/keys/jwt.pem")))
                .hasMessageContaining("SALESFORCE_JWT_KEY_FILE and SALESFORCE_PASSWORD");
    }

    static SalesforceSettings settings(String authType, String username, String password, String refreshToken, String keyFile) {
        return new SalesforceSettings("https://login.salesforce.com", "client", "secret", username, password, null, "64.0",
                authType, refreshToken, new SalesforceSettings.Jwt(keyFile, null, null));
    }
}

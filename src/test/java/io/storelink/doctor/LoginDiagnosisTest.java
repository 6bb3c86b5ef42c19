package io.storelink.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.storelink.config.SalesforceSettings;
import io.storelink.salesforce.login.LoginFlow;

/** Salesforce's login refusals, as its token endpoint words them, to the cause a merchant can act on. */
class LoginDiagnosisTest {

    static SalesforceSettings settings(String loginUrl, String securityToken) {
        return new SalesforceSettings(loginUrl, "id", "secret", "user@example.com", "pw", securityToken, "64.0");
    }

    static final SalesforceSettings MY_DOMAIN = settings("https://acme.my.salesforce.com", "");

    @Test
    void theClientsIdAndSecret() {
        assertThat(LoginDiagnosis.of("invalid_client_id", "client identifier invalid", LoginFlow.CLIENT_CREDENTIALS, MY_DOMAIN).fix())
                .startsWith("set SALESFORCE_CLIENT_ID");
        assertThat(LoginDiagnosis.of("invalid_client", "invalid client credentials", LoginFlow.CLIENT_CREDENTIALS, MY_DOMAIN).fix())
                .startsWith("set SALESFORCE_CLIENT_SECRET");
    }

    @Test
    void clientCredentialsOnTheGenericLoginHost() {
        LoginDiagnosis.Cause cause = LoginDiagnosis.of("invalid_grant", "request not supported on this domain",
                LoginFlow.CLIENT_CREDENTIALS, settings("https://login.salesforce.com", ""));
        assertThat(cause.detail()).contains("https://login.salesforce.com");
        assertThat(cause.fix()).contains("My Domain URL");
    }

    @Test
    void aPasswordWithoutItsToken() {
        assertThat(LoginDiagnosis.of("invalid_grant", "authentication failure", LoginFlow.PASSWORD, MY_DOMAIN).fix())
                .startsWith("set SALESFORCE_SECURITY_TOKEN");
        assertThat(LoginDiagnosis.of("invalid_grant", "authentication failure", LoginFlow.PASSWORD, settings(MY_DOMAIN.loginUrl(), "tok")).detail())
                .startsWith("wrong username, password or security token");
    }

    @Test
    void theUserTheOrgAndTheNetwork() {
        assertThat(LoginDiagnosis.of("inactive_user", "user is inactive", LoginFlow.JWT, MY_DOMAIN).detail()).contains("inactive");
        assertThat(LoginDiagnosis.of("invalid_grant", "ip restricted", LoginFlow.PASSWORD, MY_DOMAIN).fix()).contains("Login IP Ranges");
        assertThat(LoginDiagnosis.of("invalid_grant", "no client credentials user enabled", LoginFlow.CLIENT_CREDENTIALS, MY_DOMAIN).fix())
                .contains("Run As user");
        assertThat(LoginDiagnosis.of("unsupported_grant_type", "grant type not supported", LoginFlow.JWT, MY_DOMAIN).fix())
                .contains("Use digital signatures");
    }

    @Test
    void jwtAndRefreshToken() {
        assertThat(LoginDiagnosis.of("invalid_grant", "user hasn't approved this consumer", LoginFlow.JWT, MY_DOMAIN).fix())
                .contains("pre-authorized");
        assertThat(LoginDiagnosis.of("invalid_grant", "audience is invalid", LoginFlow.JWT, MY_DOMAIN).fix())
                .startsWith("set SALESFORCE_JWT_AUDIENCE");
        assertThat(LoginDiagnosis.of("invalid_grant", "invalid assertion", LoginFlow.JWT, MY_DOMAIN).fix())
                .contains("certificate");
        assertThat(LoginDiagnosis.of("invalid_grant", "expired access/refresh token", LoginFlow.REFRESH_TOKEN, MY_DOMAIN).fix())
                .contains("SALESFORCE_REFRESH_TOKEN");
    }

    @Test
    void anythingElseIsQuotedAsSalesforceSaidIt() {
        LoginDiagnosis.Cause cause = LoginDiagnosis.of("invalid_request", "something new", LoginFlow.PASSWORD, MY_DOMAIN);
        assertThat(cause.detail()).contains("invalid_request \"something new\"");
    }
}

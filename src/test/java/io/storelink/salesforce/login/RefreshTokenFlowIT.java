package io.storelink.salesforce.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.storelink.fakes.salesforce.FakeSalesforce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * SALESFORCE_REFRESH_TOKEN with the client id and secret (the app requires the secret): the bridge logs in with
 * the refresh token flow; a revoked refresh token pauses the writer. Camel's login configuration prints the
 * refresh token and SalesforceComponent logs it at DEBUG: with that logger at DEBUG, neither the refresh token
 * nor the client secret appears in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "storelink.salesforce.client-id=" + RefreshTokenFlowIT.CLIENT_ID,
        "storelink.salesforce.client-secret=" + RefreshTokenFlowIT.CLIENT_SECRET,
        "storelink.salesforce.refresh-token=" + RefreshTokenFlowIT.REFRESH_TOKEN,
        "logging.level.org.apache.camel.component.salesforce=DEBUG"
})
class RefreshTokenFlowIT extends LoginFlowITSupport {

    static final String CLIENT_ID = "refresh-client";
    static final String CLIENT_SECRET = "refresh-client-secret-8f3a";
    static final String REFRESH_TOKEN = "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJ-refresh-token";

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0)
            .acceptRefreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN).requireSecretForRefreshTokenFlow(CLIENT_ID);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        loginUrl(registry, SALESFORCE);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @Override
    FakeSalesforce salesforce() {
        return SALESFORCE;
    }

    @Override
    String refusedLoginCode() {
        return "invalid_grant";
    }

    @Override
    void breakCredential() {
        SALESFORCE.revokeRefreshToken(REFRESH_TOKEN);
    }

    @Override
    void restoreCredential() {
        SALESFORCE.acceptRefreshToken(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
    }

    static CapturedOutput output;

    @org.junit.jupiter.api.BeforeAll
    static void capture(CapturedOutput captured) {
        output = captured;
    }

    @AfterAll
    static void noSecretsLogged() {
        String all = output.getAll();
        assertThat(all).as("the DEBUG lines of camel-salesforce were captured").contains("login configuration");
        assertThat(all).doesNotContain(REFRESH_TOKEN, CLIENT_SECRET);
    }
}

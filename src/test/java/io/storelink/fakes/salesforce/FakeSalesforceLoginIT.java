package io.storelink.fakes.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.fakes.salesforce.SalesforceHttp.Res;
import io.storelink.salesforce.login.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's token endpoint for the refresh token and JWT bearer grants and the login faults the doctor
 * diagnoses, each with Salesforce's error and error_description. FakeSalesforceIT covers client credentials and
 * password logins and the data API.
 */
class FakeSalesforceLoginIT {

    static final TestKeys APP_KEY = new TestKeys();
    static final TestKeys OTHER_KEY = new TestKeys();

    private FakeSalesforce fake;
    private SalesforceHttp http;

    @BeforeEach
    void start() {
        fake = FakeSalesforce.start(0)
                .acceptClientCredentials("cid", "secret")
                .acceptPassword("pcid", "psecret", "api@example.com", "pwTOKEN123")
                .acceptRefreshToken("rcid", "rsecret", "5Aep861-refresh")
                .acceptJwt("jcid", APP_KEY.certificate().getPublicKey(), "jwt@example.com");
        http = new SalesforceHttp(fake.url());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void refreshTokenGrant() {
        assertThat(refresh("rcid", null, "5Aep861-refresh").status()).isEqualTo(200);
        Res withSecret = refresh("rcid", "rsecret", "5Aep861-refresh");
        assertThat(withSecret.status()).isEqualTo(200);
        assertThat(withSecret.json().get("instance_url").asText()).isEqualTo(fake.url());
        assertThat(withSecret.json().get("token_type").asText()).isEqualTo("Bearer");

        assertOAuthError(refresh("rcid", "wrong", "5Aep861-refresh"), "invalid_client", "invalid client credentials");
        assertOAuthError(refresh("rcid", null, "unknown"), "invalid_grant", "expired access/refresh token");
        assertOAuthError(refresh("nope", null, "5Aep861-refresh"), "invalid_client_id", "client identifier invalid");
        fake.acceptRefreshToken("other", null, "other-token");
        assertOAuthError(refresh("rcid", null, "other-token"), "invalid_grant", "expired access/refresh token");

        fake.requireSecretForRefreshTokenFlow("rcid");
        assertOAuthError(refresh("rcid", null, "5Aep861-refresh"), "invalid_client", "invalid client credentials");
        assertThat(refresh("rcid", "rsecret", "5Aep861-refresh").status()).isEqualTo(200);

        fake.revokeRefreshToken("5Aep861-refresh");
        assertOAuthError(refresh("rcid", "rsecret", "5Aep861-refresh"), "invalid_grant", "expired access/refresh token");
        assertThat(fake.logins()).isEqualTo(3);
    }

    @Test
    void jwtBearerGrant() {
        long exp = Instant.now().plusSeconds(270).getEpochSecond();
        Res numeric = jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), exp), false));
        assertThat(numeric.status()).as(numeric.text()).isEqualTo(200);
        assertThat(numeric.json().get("access_token").asText()).startsWith("00D000000000001!");
        Res camelForm = jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), Long.toString(exp)), true));
        assertThat(camelForm.status()).as("exp as a string, padded base64url: " + camelForm.text()).isEqualTo(200);

        assertOAuthError(jwt(assertion(OTHER_KEY, claims("jcid", "jwt@example.com", fake.url(), exp), false)),
                "invalid_grant", "invalid assertion");
        assertOAuthError(jwt(assertion(APP_KEY, claims("nope", "jwt@example.com", fake.url(), exp), false)),
                "invalid_client_id", "client identifier invalid");
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "someone@example.com", fake.url(), exp), false)),
                "invalid_grant", "user hasn't approved this consumer");
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", "https://login.salesforce.com", exp), false)),
                "invalid_grant", "audience is invalid");
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), Instant.now().minusSeconds(5).getEpochSecond()), false)),
                "invalid_grant", "invalid assertion");
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), "soon"), false)),
                "invalid_grant", "invalid assertion");
        assertOAuthError(jwt("not.a-jwt"), "invalid_grant", "invalid assertion");
        assertOAuthError(jwt(null), "invalid_grant", "invalid assertion");

        fake.acceptJwtAudiences("https://login.salesforce.com", "https://test.salesforce.com");
        assertThat(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", "https://test.salesforce.com", exp), false)).status())
                .isEqualTo(200);
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), exp), false)),
                "invalid_grant", "audience is invalid");
    }

    @Test
    void genericLoginHostRefusesOnlyClientCredentials() {
        fake.playGenericLoginHost(true);
        assertOAuthError(clientCredentials(), "invalid_grant", "request not supported on this domain");
        assertThat(password("pwTOKEN123").status()).isEqualTo(200);
        fake.playGenericLoginHost(false);
        assertThat(clientCredentials().status()).isEqualTo(200);
    }

    @Test
    void passwordWithoutTheSecurityTokenIsAnAuthenticationFailure() {
        fake.acceptPasswordNeedingSecurityToken("pcid", "psecret", "ops@example.com", "Correct-Horse", "TOK3N");
        assertOAuthError(http.tokenRequest(Map.of("grant_type", "password", "client_id", "pcid", "client_secret", "psecret",
                "username", "ops@example.com", "password", "Correct-Horse"), null), "invalid_grant", "authentication failure");
        assertThat(http.tokenRequest(Map.of("grant_type", "password", "client_id", "pcid", "client_secret", "psecret",
                "username", "ops@example.com", "password", "Correct-HorseTOK3N"), null).status()).isEqualTo(200);
    }

    @Test
    void inactiveUser() {
        fake.deactivateUser("api@example.com");
        fake.deactivateUser("jwt@example.com");
        assertOAuthError(password("pwTOKEN123"), "inactive_user", "user is inactive");
        long exp = Instant.now().plusSeconds(60).getEpochSecond();
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), exp), false)),
                "inactive_user", "user is inactive");
        assertThat(clientCredentials().status()).isEqualTo(200);
    }

    @Test
    void ipRestricted() {
        fake.restrictLoginIp(true);
        assertOAuthError(clientCredentials(), "invalid_grant", "ip restricted or invalid login hours");
        assertOAuthError(password("pwTOKEN123"), "invalid_grant", "ip restricted or invalid login hours");
        assertOAuthError(refresh("rcid", null, "5Aep861-refresh"), "invalid_grant", "ip restricted or invalid login hours");
        fake.restrictLoginIp(false);
        assertThat(clientCredentials().status()).isEqualTo(200);
    }

    @Test
    void flowNotEnabledOnTheApp() {
        fake.disableFlow(FakeSalesforce.GRANT_CLIENT_CREDENTIALS);
        assertOAuthError(clientCredentials(), "unsupported_grant_type", "grant type not supported");
        assertThat(password("pwTOKEN123").status()).isEqualTo(200);
        fake.disableFlow(FakeSalesforce.GRANT_JWT_BEARER);
        long exp = Instant.now().plusSeconds(60).getEpochSecond();
        assertOAuthError(jwt(assertion(APP_KEY, claims("jcid", "jwt@example.com", fake.url(), exp), false)),
                "unsupported_grant_type", "grant type not supported");
    }

    private Res clientCredentials() {
        return http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "cid", "client_secret", "secret"), null);
    }

    private Res password(String passwordAndToken) {
        return http.tokenRequest(Map.of("grant_type", "password", "client_id", "pcid", "client_secret", "psecret",
                "username", "api@example.com", "password", passwordAndToken), null);
    }

    private Res refresh(String clientId, String secret, String refreshToken) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        return http.tokenRequest(form, null);
    }

    private Res jwt(String assertion) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", FakeSalesforce.GRANT_JWT_BEARER));
        if (assertion != null) {
            form.put("assertion", assertion);
        }
        return http.tokenRequest(form, null);
    }

    private static Map<String, Object> claims(String iss, String sub, String aud, Object exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", iss);
        claims.put("sub", sub);
        claims.put("aud", aud);
        claims.put("exp", exp);
        return claims;
    }

    /** An RS256 JWT; {@code padded}: base64url with padding, as camel-salesforce sends it. */
    private static String assertion(TestKeys key, Map<String, Object> claims, boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        String unsigned = encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(Json.write(claims));
        try {
            PrivateKey privateKey = key.pair().getPrivate();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + encoder.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOAuthError(Res r, String error, String description) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).as(r.text()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).as(r.text()).isEqualTo(description);
    }
}

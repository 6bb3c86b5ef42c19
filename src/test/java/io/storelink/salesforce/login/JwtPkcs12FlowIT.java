package io.storelink.salesforce.login;

import java.nio.file.Path;

import io.storelink.fakes.salesforce.FakeSalesforce;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * SALESFORCE_JWT_KEY_FILE with a PKCS#12 keystore and its SALESFORCE_JWT_KEY_PASSWORD, SALESFORCE_AUTH_TYPE=jwt:
 * the bridge logs in with the JWT bearer flow; a key that no longer matches the app's certificate pauses the writer.
 */
@TestPropertySource(properties = {
        "storelink.salesforce.auth-type=jwt",
        "storelink.salesforce.client-id=" + JwtPkcs12FlowIT.CLIENT_ID,
        "storelink.salesforce.username=" + LoginFlowITSupport.USERNAME,
        "storelink.salesforce.jwt.key-password=" + JwtPkcs12FlowIT.PASSWORD
})
class JwtPkcs12FlowIT extends JwtFlowITSupport {

    static final String CLIENT_ID = "jwt-p12-client";
    static final String PASSWORD = "keystore-pass-51c";
    static final Path KEY_FILE = KEYS.pkcs12(tempDir(), PASSWORD);

    static final FakeSalesforce SALESFORCE = FakeSalesforce.start(0)
            .acceptJwt(CLIENT_ID, KEYS.certificate().getPublicKey(), USERNAME);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        loginUrl(registry, SALESFORCE);
        registry.add("storelink.salesforce.jwt.key-file", KEY_FILE::toString);
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
    String clientId() {
        return CLIENT_ID;
    }
}

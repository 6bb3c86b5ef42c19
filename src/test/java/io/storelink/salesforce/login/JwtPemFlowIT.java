package io.storelink.salesforce.login;

import java.nio.file.Path;

import io.storelink.fakes.salesforce.FakeSalesforce;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * SALESFORCE_JWT_KEY_FILE with a PEM key (openssl genrsa's PKCS#1 form), the client id and username, no client
 * secret: the bridge logs in with the JWT bearer flow; a certificate on the app that no longer matches the key
 * (rotated on one side only) pauses the writer.
 */
@TestPropertySource(properties = {
        "storelink.salesforce.client-id=" + JwtPemFlowIT.CLIENT_ID,
        "storelink.salesforce.username=" + LoginFlowITSupport.USERNAME
})
class JwtPemFlowIT extends JwtFlowITSupport {

    static final String CLIENT_ID = "jwt-pem-client";
    static final Path KEY_FILE = KEYS.pkcs1Pem(tempDir());

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

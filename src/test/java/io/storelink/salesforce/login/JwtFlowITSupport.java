package io.storelink.salesforce.login;

import io.storelink.fakes.salesforce.FakeSalesforce;

/**
 * The JWT bearer flow, whatever form the key file takes: the app knows the certificate of {@link #KEYS}; breaking the
 * credential rotates the app's certificate on one side only, so the signed assertion no longer verifies.
 */
abstract class JwtFlowITSupport extends LoginFlowITSupport {

    /** The app's consumer key, registered with the fake for {@link #KEYS}. */
    abstract String clientId();

    @Override
    String refusedLoginCode() {
        return "invalid_grant";
    }

    @Override
    void breakCredential() {
        salesforce().acceptJwt(clientId(), OTHER_KEYS.certificate().getPublicKey(), USERNAME);
    }

    @Override
    void restoreCredential() {
        salesforce().acceptJwt(clientId(), KEYS.certificate().getPublicKey(), USERNAME);
    }
}

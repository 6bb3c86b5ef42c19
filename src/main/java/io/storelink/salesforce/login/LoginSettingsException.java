package io.storelink.salesforce.login;

/**
 * The Salesforce login settings cannot work as set (no flow can be chosen, the JWT key cannot be read). The
 * message names the environment variable to fix and never quotes a secret or key material.
 */
public class LoginSettingsException extends RuntimeException {

    private final String variable;

    public LoginSettingsException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** The environment variable to fix, e.g. SALESFORCE_AUTH_TYPE. */
    public String variable() {
        return variable;
    }
}

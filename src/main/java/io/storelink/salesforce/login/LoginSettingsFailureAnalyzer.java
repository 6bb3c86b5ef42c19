package io.storelink.salesforce.login;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns unusable Salesforce login settings (no flow can be chosen, an unreadable JWT key) into a two-line start-up failure. */
public class LoginSettingsFailureAnalyzer extends AbstractFailureAnalyzer<LoginSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LoginSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the environment variable " + cause.variable() + " (see \"Salesforce credentials\" in README.md).", cause);
    }
}

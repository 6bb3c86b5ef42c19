package io.storelink.salesforce.login;

import org.apache.camel.component.salesforce.SalesforceLoginConfig;

/**
 * camel-salesforce's login configuration without the refresh token in its text: Camel's own toString() masks the
 * client secret and password but prints the refresh token in clear, and SalesforceComponent logs the configuration
 * at DEBUG when it starts, so turning that logger up would write a long-lived credential to the logs.
 */
final class RedactedLoginConfig extends SalesforceLoginConfig {

    @Override
    public String toString() {
        return "SalesforceLoginConfig[type=" + getType() + ", loginUrl='" + getLoginUrl() + "', clientId='" + getClientId()
                + "', userName='" + getUserName() + "', jwtAudience='" + getJwtAudience() + "', lazyLogin=" + isLazyLogin()
                + ", clientSecret, password, refreshToken and keystore not shown]";
    }
}

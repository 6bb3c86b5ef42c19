package io.storelink.doctor;

import java.util.Locale;

import io.storelink.config.SalesforceSettings;
import io.storelink.salesforce.login.LoginFlow;

/**
 * What a refused Salesforce login most likely means and the one thing to do about it. Salesforce answers most
 * failures with {@code invalid_grant} and a short description; the cause depends on the flow and the login host
 * (Salesforce's OAuth error reference and the set-up guides' troubleshooting: security token, My Domain, IP ranges).
 */
final class LoginDiagnosis {

    /** The likely cause and its fix. */
    record Cause(String detail, String fix) {
    }

    private LoginDiagnosis() {
    }

    /**
     * @param error       Salesforce's {@code error}, e.g. invalid_grant
     * @param description its {@code error_description}
     * @param flow        the flow the bridge logged in with
     */
    static Cause of(String error, String description, LoginFlow flow, SalesforceSettings settings) {
        String e = lower(error);
        String d = lower(description);
        String said = " (Salesforce: " + error + (description == null || description.isBlank() ? "" : " \"" + description + "\"") + ")";
        boolean genericHost = genericLoginHost(settings.loginUrl());
        if (e.equals("invalid_client_id")) {
            return new Cause("the consumer key is not one of this org's apps" + said,
                    "set SALESFORCE_CLIENT_ID to the Connected App's Consumer Key (Setup > App Manager > the app > View > "
                            + "Manage Consumer Details); a new app needs up to 10 minutes before it accepts logins");
        }
        if (e.equals("invalid_client")) {
            return new Cause("the consumer secret does not match the app" + said,
                    "set SALESFORCE_CLIENT_SECRET to the Connected App's Consumer Secret (Manage Consumer Details)");
        }
        if (e.equals("inactive_user") || d.contains("inactive")) {
            return new Cause("the integration user is inactive" + said,
                    "activate the user (Setup > Users), or connect as an active user"
                            + (flow == LoginFlow.CLIENT_CREDENTIALS ? " (the app's Run As user)" : ""));
        }
        if (e.equals("inactive_org")) {
            return new Cause("the org is locked, deleted or suspended" + said, "check the org's status with its administrator");
        }
        if (e.equals("unsupported_grant_type") || d.contains("not enabled") || d.contains("grant type not supported")) {
            return new Cause("the app does not allow the " + flow.setting() + " flow" + said, enableFlow(flow));
        }
        if (d.contains("not supported on this domain") || (flow == LoginFlow.CLIENT_CREDENTIALS && genericHost)) {
            return new Cause("the client credentials flow was sent to " + settings.loginUrl()
                    + ", which does not accept it" + said,
                    "set SALESFORCE_LOGIN_URL to the org's My Domain URL, e.g. https://yourcompany.my.salesforce.com "
                            + "(Setup > My Domain)");
        }
        if (d.contains("ip restricted") || d.contains("ip address")) {
            return new Cause("the org refuses logins from this machine's IP address" + said,
                    "add this machine's outbound IP to the user's profile Login IP Ranges, or set the app's IP "
                            + "Relaxation to \"Relax IP restrictions\" (Connected App > OAuth Policies)");
        }
        if (d.contains("no client credentials user") || d.contains("run as")) {
            return new Cause("the app has no Run As user for the client credentials flow" + said,
                    "in the Connected App's OAuth Policies, enable the Client Credentials Flow and choose its Run As user "
                            + "(an API-only integration user)");
        }
        if (d.contains("hasn't approved") || d.contains("not approved")) {
            return new Cause("the user has not been pre-authorized for the app" + said,
                    "set the app's Permitted Users to \"Admin approved users are pre-authorized\" and add the user's "
                            + "profile or a permission set under Manage > Profiles / Permission Sets");
        }
        if (d.contains("audience")) {
            return new Cause("the JWT's audience is not one Salesforce accepts for this org" + said,
                    "set SALESFORCE_JWT_AUDIENCE to https://login.salesforce.com (https://test.salesforce.com for a "
                            + "sandbox)");
        }
        if (flow == LoginFlow.JWT && (d.contains("assertion") || d.contains("signature") || d.contains("certificate"))) {
            return new Cause("Salesforce could not verify the signed JWT with the app's certificate" + said,
                    "upload the certificate of the key in SALESFORCE_JWT_KEY_FILE to the Connected App (Use digital "
                            + "signatures), and check SALESFORCE_CLIENT_ID and SALESFORCE_USERNAME");
        }
        if (flow == LoginFlow.REFRESH_TOKEN && (d.contains("expired") || d.contains("refresh"))) {
            return new Cause("the refresh token was revoked or has expired" + said,
                    "get a new refresh token (authorize the app again) and set SALESFORCE_REFRESH_TOKEN; check the app's "
                            + "Refresh Token Policy");
        }
        if (flow == LoginFlow.PASSWORD && d.contains("authentication failure")) {
            boolean tokenSet = settings.securityToken() != null && !settings.securityToken().isBlank();
            if (!tokenSet) {
                return new Cause("the password was sent without a security token" + said,
                        "set SALESFORCE_SECURITY_TOKEN (Salesforce e-mails it: the user's Settings > Reset My Security "
                                + "Token), or add this machine's IP to the org's trusted IP ranges; prefer client "
                                + "credentials or JWT, the password flow is being retired");
            }
            return new Cause("wrong username, password or security token, or a login from a restricted IP" + said,
                    "check SALESFORCE_USERNAME, SALESFORCE_PASSWORD and SALESFORCE_SECURITY_TOKEN (a password change "
                            + "resets the token), and the profile's Login IP Ranges");
        }
        return new Cause("Salesforce refused the login" + said,
                "check the " + flow.setting() + " settings in README \"Salesforce credentials\" against the Connected App");
    }

    private static String enableFlow(LoginFlow flow) {
        return switch (flow) {
            case CLIENT_CREDENTIALS -> "in the Connected App's OAuth settings, enable Client Credentials Flow and set "
                    + "its Run As user";
            case JWT -> "in the Connected App's OAuth settings, enable Use digital signatures with the certificate of "
                    + "SALESFORCE_JWT_KEY_FILE";
            case REFRESH_TOKEN -> "add the refresh_token scope (Perform requests at any time) to the Connected App";
            case PASSWORD -> "allow OAuth Username-Password Flows (Setup > OAuth and OpenID Connect Settings), or switch to "
                    + "client credentials or JWT";
        };
    }

    static boolean genericLoginHost(String loginUrl) {
        String url = lower(loginUrl);
        return url.contains("://login.salesforce.com") || url.contains("://test.salesforce.com");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}

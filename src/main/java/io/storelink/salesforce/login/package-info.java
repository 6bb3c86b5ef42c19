/**
 * How the bridge logs in to Salesforce: which OAuth flow the settings select ({@link io.storelink.salesforce.login.LoginFlow}),
 * the JWT signing key read from a PEM or PKCS#12 file, and their hand-over to the camel-salesforce component, which
 * implements the flows themselves.
 */
package io.storelink.salesforce.login;

/**
 * Empty on purpose: camel-salesforce's {@code packages} (application.yaml) names where its generated SObject classes
 * would be. Storelink has none (composite and collections calls carry plain maps), but without the setting the
 * component warns at every start that getSObject operations will not work; and naming a package with classes made
 * it load every class under it at start (~4 s of a cold start with {@code io.storelink.salesforce}).
 */
package io.storelink.salesforce.sobjects;

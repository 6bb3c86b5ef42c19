/**
 * The doctor: checks that the bridge can reach and use what it is connected to (settings, Shopify, Salesforce, the
 * org's schema, Kafka), each problem with its one-line fix. Run as {@code java -jar storelink.jar doctor} (exit 0
 * only when every check passed) or at the authenticated {@code /actuator/doctor}.
 */
package io.storelink.doctor;

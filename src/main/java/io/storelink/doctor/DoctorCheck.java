package io.storelink.doctor;

import java.util.List;

/**
 * One area the doctor examines. A check never throws: whatever goes wrong is a failed {@link Finding} with its fix.
 * Checks run in {@link #order()}; a later one may be skipped (a failed finding that says why) when it cannot run.
 */
public interface DoctorCheck {

    /** Lower runs first: settings 10, Shopify 20, Salesforce 30, schema 40, Kafka 50. */
    int order();

    List<Finding> run();
}

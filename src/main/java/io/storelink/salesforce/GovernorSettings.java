package io.storelink.salesforce;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the writer keeps off the last of the org's API allowance, which every integration of the org shares.
 *
 * @param reserve   percent of the 24 h allowance left to the org's other integrations; 0 turns the governor off
 * @param mode      {@code slow} or {@code pause} while less than the reserve is left
 * @param slowDelay slow mode: each writer thread waits this long before each record's Salesforce calls
 * @param handBack  slow mode: a writer thread slowed this long gives its record back to Kafka and polls again, as
 *                  Kafka drops a consumer that has not polled for max.poll.interval.ms (5 min)
 */
@ConfigurationProperties("storelink.salesforce.governor")
public record GovernorSettings(double reserve, Mode mode, Duration slowDelay, Duration handBack) {

    public enum Mode { SLOW, PAUSE }

    public GovernorSettings {
        if (reserve < 0 || reserve > 100) {
            throw new IllegalArgumentException("storelink.salesforce.governor.reserve is a percent (0 to 100), not " + reserve);
        }
        mode = mode == null ? Mode.SLOW : mode;
        slowDelay = slowDelay == null ? Duration.ofSeconds(2) : slowDelay;
        handBack = handBack == null ? Duration.ofMinutes(1) : handBack;
    }
}

package io.storelink.deadletter;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Called by the error handler at every failed attempt (onExceptionOccurred): remembers when the first and the
 * last attempt failed and how many failed, for the dead letter's history.
 */
@Component("failureClock")
public class FailureClock implements Processor {

    public static final String FIRST = "storelinkFirstFailure";
    public static final String LAST = "storelinkLastFailure";
    public static final String COUNT = "storelinkFailedAttempts";

    @Override
    public void process(Exchange exchange) {
        Instant now = Instant.now();
        if (exchange.getProperty(FIRST) == null) {
            exchange.setProperty(FIRST, now);
        }
        exchange.setProperty(LAST, now);
        exchange.setProperty(COUNT, exchange.getProperty(COUNT, 0, Integer.class) + 1);
    }
}

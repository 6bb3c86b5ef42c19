package io.storelink.salesforce;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts Salesforce logins. camel-salesforce logs in again by itself when a session expires (401
 * INVALID_SESSION_ID) and replays the request; every login after the first is such a renewal. Exposed as the
 * metric {@code storelink.salesforce.logins} and in the salesforce health details.
 */
@Component
public class SalesforceLogins implements CamelContextConfiguration, SalesforceSession.SalesforceSessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceLogins.class);

    private final AtomicLong logins = new AtomicLong();

    public SalesforceLogins(MeterRegistry metrics) {
        metrics.more().counter("storelink.salesforce.logins", java.util.List.of(), logins);
    }

    public long count() {
        return logins.get();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        SalesforceComponent salesforce = camel.getComponent("salesforce", SalesforceComponent.class);
        if (salesforce != null && salesforce.getSession() != null) {
            salesforce.getSession().addListener(this);
        }
    }

    @Override
    public void onLogin(String accessToken, String instanceUrl) {
        long n = logins.incrementAndGet();
        if (n > 1) {
            LOG.info("Salesforce session renewed (login {})", n);
        }
    }

    @Override
    public void onLogout() {
    }
}

package io.storelink.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.storelink.command.Commands;

/**
 * Checks the field mapping against the org as soon as Camel has started (its Salesforce component does the
 * describe calls), so a broken mapping shows in /actuator/health before the first order arrives. In the background:
 * start-up never waits for Salesforce. If Salesforce cannot be reached now, the writers' gate checks before their
 * first call.
 */
@Component
@Profile("!" + Commands.PROFILE) // a command (the doctor) checks the mapping itself, in the foreground
class MappingCheckAtStart implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(MappingCheckAtStart.class);

    private final SalesforceGate gate;

    MappingCheckAtStart(SalesforceGate gate, CamelContext camel) throws Exception {
        this.gate = gate;
        camel.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // not yet: the routes and components may still be starting
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Thread thread = new Thread(() -> {
            try {
                gate.checkMapping();
            } catch (Exception e) {
                // the class only: Salesforce's messages may quote a login name
                LOG.info("Field mapping not checked yet ({}); checked again before the writers' first Salesforce call",
                        e.getClass().getSimpleName());
            }
        }, "storelink-mapping-check");
        thread.setDaemon(true);
        thread.start();
    }
}

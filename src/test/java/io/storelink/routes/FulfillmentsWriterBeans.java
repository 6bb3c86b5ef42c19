package io.storelink.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.TestSettings;
import io.storelink.config.SalesforceSettings;
import io.storelink.deadletter.FailureClock;
import io.storelink.fulfillments.FulfillmentMapping;
import io.storelink.fulfillments.FulfillmentOpportunity;
import io.storelink.fulfillments.TrackingComposite;
import io.storelink.kafka.CommitOffset;
import io.storelink.mapping.MappingSettings;
import io.storelink.metrics.SyncLatency;
import io.storelink.salesforce.CompositeOutcome;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.shopify.ParseFulfillment;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;

/**
 * The real beans routes/fulfillments-to-salesforce.camel.yaml refers to (but the gate, which each test binds at start),
 * as the bridge has them: the route tests of the fulfillments writer and of the order changes it hands over share them.
 */
final class FulfillmentsWriterBeans {

    private FulfillmentsWriterBeans() {
    }

    static void bind(Registry registry, ObjectMapper json, MappingSettings mapping, SalesforceSettings salesforce,
            SimpleMeterRegistry meters) {
        registry.bind("parseFulfillment", new ParseFulfillment(json));
        registry.bind("fulfillmentOpportunity", new FulfillmentOpportunity(json, mapping));
        registry.bind("fulfillmentMapping", new FulfillmentMapping(mapping, TestSettings.camel()));
        registry.bind("trackingComposite", new TrackingComposite(salesforce, mapping, TestSettings.orgSchema()));
        registry.bind("compositeOutcome", new CompositeOutcome());
        registry.bind("syncLatency", new SyncLatency(meters));
        registry.bind("commitOffset", new CommitOffset());
        registry.bind("failureClock", new FailureClock());
        registry.bind("salesforceErrors", new SalesforceErrors());
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
    }
}

package io.storelink.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.customers.CustomerSettings;
import io.storelink.mapping.MappingSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The version checks by query: the order version and the fulfillment version each Opportunity shows, and the customer
 * version each Contact shows (the orders writer's customer events).
 */
@Configuration
public class AppliedVersionChecks {

    @Bean
    AppliedVersions orderVersions(ObjectMapper json, MappingSettings mapping) {
        return new AppliedVersions(json, mapping.opportunity().object(), mapping.opportunity().externalId(),
                mapping.opportunity().shopifyUpdatedAt());
    }

    @Bean
    AppliedVersions customerVersions(ObjectMapper json, MappingSettings mapping, CustomerSettings customers) {
        return new AppliedVersions(json, mapping.contact().object(), mapping.contact().externalId(),
                customers.shopifyUpdatedAt());
    }

    @Bean
    AppliedVersions trackingVersions(ObjectMapper json, MappingSettings mapping) {
        return new AppliedVersions(json, mapping.opportunity().object(), mapping.opportunity().externalId(),
                mapping.fulfillment().updatedAt());
    }
}

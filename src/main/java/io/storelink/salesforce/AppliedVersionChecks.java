package io.storelink.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.mapping.MappingSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pollers' batch checks: the order version and the fulfillment version each Opportunity shows. */
@Configuration
public class AppliedVersionChecks {

    @Bean
    AppliedVersions orderVersions(ObjectMapper json, MappingSettings mapping) {
        return new AppliedVersions(json, mapping.opportunity().object(), mapping.opportunity().externalId(),
                mapping.opportunity().shopifyUpdatedAt());
    }

    @Bean
    AppliedVersions trackingVersions(ObjectMapper json, MappingSettings mapping) {
        return new AppliedVersions(json, mapping.opportunity().object(), mapping.opportunity().externalId(),
                mapping.fulfillment().updatedAt());
    }
}

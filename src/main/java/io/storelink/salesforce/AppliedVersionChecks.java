package io.storelink.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.customers.CustomerSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
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
    AppliedVersions customerVersions(ObjectMapper json, MappingSettings mapping, CustomerSettings customers,
            PersonAccountSettings persons) {
        if (persons.personAccounts()) { // the customer is its person Account: the Contact's field is __pc there
            return new AppliedVersions(json, mapping.account().object(), mapping.account().externalId(),
                    PersonAccountSettings.personField(customers.shopifyUpdatedAt()), mapping.account().customerKeyPrefix());
        }
        return new AppliedVersions(json, mapping.contact().object(), mapping.contact().externalId(),
                customers.shopifyUpdatedAt());
    }

    @Bean
    AppliedVersions trackingVersions(ObjectMapper json, MappingSettings mapping) {
        return new AppliedVersions(json, mapping.opportunity().object(), mapping.opportunity().externalId(),
                mapping.fulfillment().updatedAt());
    }
}

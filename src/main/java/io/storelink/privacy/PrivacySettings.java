package io.storelink.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Storelink honours Shopify's privacy requests (storelink.privacy in application.yaml; README "Privacy requests").
 *
 * @param redact                     customers/redact: blank the personal fields, or delete the customer's records
 * @param placeholderLastName        Contact.LastName is required by Salesforce: what an anonymised Contact is called
 * @param placeholderAccountName     Account.Name is required: this + the customer id
 * @param placeholderOpportunityName the Opportunity's Name carried the buyer's name: this + the order id
 * @param exportDir                  customers/data_request: also write the export here (empty: only the audit topic)
 */
@ConfigurationProperties("storelink.privacy")
public record PrivacySettings(RedactMode redact, String placeholderLastName, String placeholderAccountName,
                              String placeholderOpportunityName, String exportDir) {

    /** What customers/redact does to the Contact and the customer's own Account; Opportunities are always anonymised. */
    public enum RedactMode { ANONYMISE, DELETE }
}

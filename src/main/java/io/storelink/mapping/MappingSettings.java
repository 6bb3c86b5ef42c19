package io.storelink.mapping;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each Shopify value lands in Salesforce. Orgs name their custom fields differently, so every field
 * name is configuration; a field mapped to an empty name is not written.
 *
 * @param stageName               StageName of a new or updated order's Opportunity
 * @param cancelledStageName      StageName once the order is cancelled (Shopify sets cancelled_at)
 * @param closeDateOffsetDays     CloseDate = order date + this many days
 * @param unknownLastName         Contact.LastName (required by Salesforce) when Shopify has no name at all
 * @param anonymousAccountName    Account that collects guest checkouts without an email
 * @param fulfillment             shipment confirmation: tracking fields on the order's Opportunity
 */
@ConfigurationProperties("storelink.mapping")
public record MappingSettings(
        String stageName,
        String cancelledStageName,
        int closeDateOffsetDays,
        String unknownLastName,
        String anonymousAccountName,
        AccountFields account,
        ContactFields contact,
        OpportunityFields opportunity,
        FulfillmentFields fulfillment) {

    /** Account keys: {@code <customerKeyPrefix><customer id>}, or {@code <guestKeyPrefix><email>} for guests. */
    public record AccountFields(
            String object,
            String externalId,
            String customerKeyPrefix,
            String guestKeyPrefix,
            String name,
            String street,
            String city,
            String state,
            String postalCode,
            String country,
            String phone) {
    }

    /** Contact keys: the customer id, or {@code <guestKeyPrefix><email>} for guests. */
    public record ContactFields(
            String object,
            String externalId,
            String guestKeyPrefix,
            String firstName,
            String lastName,
            String email,
            String phone,
            String account) {
    }

    /** {@code shopifyUpdatedAt}: the order version applied, so an older event never overwrites a newer one. */
    public record OpportunityFields(
            String object,
            String externalId,
            String name,
            String stage,
            String closeDate,
            String amount,
            String currency,
            String description,
            String shopifyUpdatedAt,
            String account,
            String contact) {
    }

    /**
     * Shipment confirmation writes these fields of the order's Opportunity (the object and external id of
     * {@link OpportunityFields}); an empty name is not written. {@code updatedAt} holds the Shopify {@code updated_at}
     * of the fulfillment written, so an older fulfillment event never overwrites a newer one: required.
     */
    public record FulfillmentFields(
            String trackingCompany,
            String trackingNumber,
            String trackingUrl,
            String status,
            String updatedAt) {

        public FulfillmentFields {
            if (updatedAt == null || updatedAt.isBlank()) {
                throw new IllegalArgumentException("storelink.mapping.fulfillment.updated-at is required: the tracking "
                        + "version check reads and writes it (e.g. Tracking_Updated_At__c, a Date/Time field)");
            }
        }
    }
}

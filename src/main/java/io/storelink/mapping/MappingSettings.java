package io.storelink.mapping;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Shopify values land in Salesforce (storelink.mapping). Each object has {@code fields}: Salesforce field name
 * to what fills it, compiled once by {@link FieldExpression} — a path into the Shopify payload
 * ({@code shipping_address.country_code}) or {@code simple:} and a Camel simple template. The computed values of
 * today's mapping (who bought, the Opportunity's name, ...) are variables those templates read ({@link OrderVariables},
 * {@link FulfillmentVariables}). What is not a field stays a setting here: objects, external ids, key prefixes,
 * stage names, the lookup fields that link the records, and the version fields the writers read and write.
 *
 * @param stageName               StageName of a new or updated order's Opportunity (variable {@code stage})
 * @param cancelledStageName      StageName once the order is cancelled (Shopify sets cancelled_at)
 * @param closeDateOffsetDays     CloseDate = order date + this many days (variable {@code closeDate})
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
            Map<String, String> fields) {

        public AccountFields {
            fields = orEmpty(fields);
        }
    }

    /** Contact keys: the customer id, or {@code <guestKeyPrefix><email>} for guests; {@code account}: its lookup field. */
    public record ContactFields(
            String object,
            String externalId,
            String guestKeyPrefix,
            String account,
            Map<String, String> fields) {

        public ContactFields {
            fields = orEmpty(fields);
        }
    }

    /**
     * {@code shopifyUpdatedAt}: the order version applied, so an older event never overwrites a newer one; written
     * by every upsert and read by the version check, so it is a setting and not one of {@code fields}.
     * {@code account}, {@code contact}: the lookup fields linking the Opportunity (empty: no link).
     */
    public record OpportunityFields(
            String object,
            String externalId,
            String shopifyUpdatedAt,
            String account,
            String contact,
            Map<String, String> fields) {

        public OpportunityFields {
            fields = orEmpty(fields);
            if (shopifyUpdatedAt == null || shopifyUpdatedAt.isBlank()) {
                throw new IllegalArgumentException("storelink.mapping.opportunity.shopify-updated-at is required: the "
                        + "order version check reads and writes it (e.g. Shopify_Updated_At__c, a Date/Time field)");
            }
        }
    }

    /**
     * Shipment confirmation writes {@code fields} (from the fulfillment payload) to the order's Opportunity (the object
     * and external id of {@link OpportunityFields}). {@code updatedAt} holds the Shopify {@code updated_at} of the
     * fulfillment written, so an older fulfillment event never overwrites a newer one: required, always written.
     */
    public record FulfillmentFields(String updatedAt, Map<String, String> fields) {

        public FulfillmentFields {
            fields = orEmpty(fields);
            if (updatedAt == null || updatedAt.isBlank()) {
                throw new IllegalArgumentException("storelink.mapping.fulfillment.updated-at is required: the tracking "
                        + "version check reads and writes it (e.g. Tracking_Updated_At__c, a Date/Time field)");
            }
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> fields) {
        return fields == null ? Map.of() : fields;
    }
}

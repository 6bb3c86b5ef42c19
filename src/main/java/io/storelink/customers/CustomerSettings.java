package io.storelink.customers;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What customer events write (storelink.mapping.customer). The Account and Contact fields are the order mapping's
 * (storelink.mapping.account / contact fields, read from the customer instead of the order's buyer); these add what
 * only a customer event knows.
 *
 * @param shopifyUpdatedAt the Contact's Date/Time field holding the customer version (updated_at) written, so that an
 *                         older customer event never overwrites a newer one; required, always written
 * @param fields           Contact fields written by customer events only (consent, note, mailing address, ...)
 * @param smsConsentField  Checkbox receiving whether the customer is subscribed to SMS marketing; "" = not written
 * @param onDelete         customers/delete: leave the records, or mark the Contact
 * @param deletedField     mark mode: the Checkbox set true on the customer's Contact
 */
@ConfigurationProperties("storelink.mapping.customer")
public record CustomerSettings(String shopifyUpdatedAt, Map<String, String> fields, String smsConsentField,
        OnDelete onDelete, String deletedField) {

    public CustomerSettings {
        if (shopifyUpdatedAt == null || shopifyUpdatedAt.isBlank()) {
            throw new IllegalArgumentException("storelink.mapping.customer.shopify-updated-at is required: the customer "
                    + "version check reads and writes it (e.g. Shopify_Customer_Updated_At__c, a Date/Time field on Contact)");
        }
        fields = fields == null ? Map.of() : fields;
        smsConsentField = smsConsentField == null ? "" : smsConsentField.trim();
        onDelete = onDelete == null ? OnDelete.LEAVE : onDelete;
        deletedField = deletedField == null ? "" : deletedField.trim();
        if (onDelete == OnDelete.MARK && deletedField.isEmpty()) {
            throw new IllegalArgumentException("storelink.mapping.customer.deleted-field is required with on-delete: mark "
                    + "(a Checkbox on Contact, e.g. Shopify_Customer_Deleted__c)");
        }
    }

    /** What customers/delete does in Salesforce. A Contact is never deleted: it may have Opportunities and history. */
    public enum OnDelete {
        /** Nothing changes in Salesforce (logged). */
        LEAVE,
        /** The Contact's {@code deleted-field} is set true (only when the Contact exists; never creates one). */
        MARK
    }
}

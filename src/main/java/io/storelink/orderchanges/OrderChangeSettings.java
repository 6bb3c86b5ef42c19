package io.storelink.orderchanges;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What refunds and deletions write (storelink.mapping, the keys below; the order mapping binds the rest of the same
 * tree in {@link io.storelink.mapping.MappingSettings}, which ignores these). Kept apart so that adding them did not
 * change the order mapping's settings record that tests and tools build.
 *
 * @param cancelledStageName the StageName a deleted order's Opportunity gets in close mode (the cancelled stage)
 * @param refund             the field holding the order's total refunded
 * @param opportunity        the Opportunity's object and external id, and the refund and delete options
 */
@ConfigurationProperties("storelink.mapping")
public record OrderChangeSettings(String cancelledStageName, Refund refund, Opportunity opportunity) {

    /** @param totalRefunded currency (or number) field receiving the order's total refunded, shop currency */
    public record Refund(String totalRefunded) {

        public Refund {
            if (totalRefunded == null || totalRefunded.isBlank()) {
                throw new IllegalArgumentException("storelink.mapping.refund.total-refunded is required: refunds/create "
                        + "writes the order's total refunded to it (e.g. Shopify_Total_Refunded__c, a Currency field)");
            }
        }
    }

    /**
     * @param object            the Opportunity object (storelink.mapping.opportunity.object)
     * @param externalId        its Shopify order id field
     * @param shopifyUpdatedAt  the order version field: close mode writes the deletion time to it (see the route file)
     * @param refundedStageName StageName once the order is fully refunded; empty = the stage is left as it is
     * @param onDelete          orders/delete: close the Opportunity, or delete it
     * @param deletedReason     close mode: the field receiving "Deleted in Shopify on <date>"; empty = none
     */
    public record Opportunity(String object, String externalId, String shopifyUpdatedAt, String refundedStageName,
            OnDelete onDelete, String deletedReason) {

        public Opportunity {
            refundedStageName = refundedStageName == null ? "" : refundedStageName.trim();
            deletedReason = deletedReason == null ? "" : deletedReason.trim();
            if (onDelete == null) {
                throw new IllegalArgumentException("storelink.mapping.opportunity.on-delete is required: close or delete");
            }
        }
    }

    /** What orders/delete does to the order's Opportunity. */
    public enum OnDelete {
        /** StageName = the cancelled stage, the reason in {@code deleted-reason}: the sales history stays. */
        CLOSE,
        /** The Opportunity is deleted (to the org's recycle bin). */
        DELETE
    }
}

package io.storelink.orderchanges;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.mapping.SalesforceText;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * What orders/delete writes in close mode: StageName = the cancelled stage, "Deleted in Shopify on <date>" in the
 * reason field (if one is configured), and the deletion time (X-Shopify-Triggered-At) as the order's version
 * (shopify-updated-at). The version is the guard against a silent resurrection: every event of the order was
 * updated before it was deleted, so the orders writer's version check skips a late or replayed one as older
 * instead of reopening the Opportunity (README, "Refunds and deletions", says where the guard ends).
 */
@Component("deletionFields")
public class DeletionFields {

    private final OrderChangeSettings.Opportunity opportunity;
    private final String closedStage;

    public DeletionFields(OrderChangeSettings settings) {
        this.opportunity = settings.opportunity();
        this.closedStage = settings.cancelledStageName();
    }

    public Map<String, Object> map(@Header(ShopifyHeaders.TRIGGERED_AT) String triggeredAt) {
        OffsetDateTime deletedAt = deletedAt(triggeredAt);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("StageName", closedStage);
        if (!opportunity.deletedReason().isEmpty()) {
            fields.put(opportunity.deletedReason(), "Deleted in Shopify on " + deletedAt.toLocalDate());
        }
        fields.put(opportunity.shopifyUpdatedAt(), SalesforceText.dateTime(deletedAt));
        return fields;
    }

    /** When Shopify deleted the order; a delivery without the header (not Shopify's) counts as deleted now. */
    static OffsetDateTime deletedAt(String triggeredAt) {
        if (triggeredAt != null) {
            try {
                return OffsetDateTime.parse(triggeredAt).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                // fall through: now
            }
        }
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}

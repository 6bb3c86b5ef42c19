package io.storelink.orders;

import io.storelink.mapping.Upsert;
import java.util.Optional;

/**
 * The Salesforce records of one Shopify order: its Account, its Contact (absent for an anonymous guest) and its
 * Opportunity. Links between them are left to the writer, which knows how to reference records of the same call.
 */
public record OrderUpserts(Upsert account, Optional<Upsert> contact, Upsert opportunity) {
}

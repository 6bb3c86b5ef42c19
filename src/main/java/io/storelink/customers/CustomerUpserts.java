package io.storelink.customers;

import java.util.Optional;

import io.storelink.mapping.Upsert;

/**
 * The Salesforce records of one customer event: its Account and its Contact; a deletion mark only the Contact; with
 * person accounts only the person Account.
 */
public record CustomerUpserts(Optional<Upsert> account, Optional<Upsert> contact) {
}

package io.storelink.customers;

import java.util.Optional;

import io.storelink.mapping.Upsert;

/** The Salesforce records of one customer event: its Account (absent for a deletion mark) and its Contact. */
public record CustomerUpserts(Optional<Upsert> account, Upsert contact) {
}

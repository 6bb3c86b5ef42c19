package io.storelink.orders;

import io.storelink.customers.CustomerUpserts;
import io.storelink.mapping.Upsert;

/**
 * The Salesforce records one record of the orders topic writes: an order its Account, Contact (none for an anonymous
 * guest) and Opportunity; a customer event its Account and Contact; a customer's deletion mark only its Contact.
 * Absent parts are null.
 */
record RecordUpserts(Upsert account, Upsert contact, Upsert opportunity) {

    static RecordUpserts of(OrderUpserts o) {
        return new RecordUpserts(o.account(), o.contact().orElse(null), o.opportunity());
    }

    static RecordUpserts of(CustomerUpserts c) {
        return new RecordUpserts(c.account().orElse(null), c.contact().orElse(null), null);
    }
}

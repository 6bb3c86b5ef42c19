package io.storelink.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storelink.inventory.InventoryComparison.Update;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;

/**
 * Changed quantities as few API calls as Salesforce allows: sObject Collections updates by Id
 * ({@code PATCH /composite/sobjects}, at most {@value #RECORDS_PER_COLLECTION} records each), and up to
 * {@value #COLLECTIONS_PER_CALL} of them in one composite call (Salesforce's limit for collections in a composite):
 * 1,000 records per API call. Update by Id, never upsert: a record that vanished since the read fails instead of
 * being created. allOrNone is off at both levels: one bad record must not hold back the others.
 */
final class CollectionUpdates {

    static final int RECORDS_PER_COLLECTION = 200;
    static final int COLLECTIONS_PER_CALL = 5;

    /** One composite call's worth: up to five collections of up to 200 updates. */
    record Batch(List<List<Update>> collections) {
    }

    private CollectionUpdates() {
    }

    static List<Batch> batches(List<Update> updates) {
        List<List<Update>> collections = partition(updates, RECORDS_PER_COLLECTION);
        return partition(collections, COLLECTIONS_PER_CALL).stream().map(Batch::new).toList();
    }

    static SObjectComposite composite(Batch batch, String apiVersion, String object, String quantityField) {
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        int n = 0;
        for (List<Update> collection : batch.collections()) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (Update u : collection) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("attributes", Map.of("type", object));
                record.put("Id", u.id());
                record.put(quantityField, u.quantity());
                records.add(record);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("allOrNone", false);
            body.put("records", records);
            composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects", body, "update" + ++n);
        }
        return composite;
    }

    private static <T> List<List<T>> partition(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + size))));
        }
        return out;
    }
}

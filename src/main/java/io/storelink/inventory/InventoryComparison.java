package io.storelink.inventory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Shopify's quantities against Salesforce's: a record whose quantity already equals Shopify's (by numeric value,
 * 5 = 5.0) is left alone, so an hourly run writes only what moved; a record with another or no value gets an
 * update by its Id. Keys without any record are unmatched: reported, never created (the merchant's rule).
 */
@Component("inventoryComparison")
public class InventoryComparison {

    /** Set the record {@code id} to {@code quantity}. */
    record Update(String id, String key, long quantity) {
    }

    /** @param unmatched keys without a Salesforce record, in key order */
    record Changes(List<Update> updates, int unchanged, List<String> unmatched) {
    }

    public void compare(Exchange exchange) {
        InventoryRun run = InventoryRun.of(exchange);
        run.changes(compare(run.stock(), run.records));
    }

    static Changes compare(Map<String, Long> stock, List<SalesforceProduct> records) {
        List<Update> updates = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        Set<String> seenIds = new HashSet<>(); // a record answering two queries (keys differing in case) is written once
        int unchanged = 0;
        for (SalesforceProduct r : records) {
            Long available = stock.get(r.key());
            if (available == null || !seenIds.add(r.id())) {
                continue;
            }
            matched.add(r.key());
            if (r.quantity() != null && r.quantity().compareTo(BigDecimal.valueOf(available)) == 0) {
                unchanged++;
            } else {
                updates.add(new Update(r.id(), r.key(), available));
            }
        }
        List<String> unmatched = stock.keySet().stream().filter(k -> !matched.contains(k)).toList();
        return new Changes(List.copyOf(updates), unchanged, unmatched);
    }
}

package io.storelink.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * One run of the inventory sync, carried through routes/inventory-sync.camel.yaml as the exchange property
 * {@value #PROPERTY}: what Shopify has, what Salesforce has, what changed, and the counts of the summary line.
 * Steps run one after the other (the write split is sequential), so plain fields suffice.
 */
public final class InventoryRun {

    public static final String PROPERTY = "inventory";

    private final String keyLabel;
    private final List<String> locations;
    private final Map<String, Long> stock;
    private final int itemsWithoutKey;
    private final Map<String, String> keysIgnoringCase = new HashMap<>();
    final Deque<String> pendingReads = new ArrayDeque<>();
    final List<SalesforceProduct> records = new ArrayList<>();
    int loggedFailures;
    private InventoryComparison.Changes changes;
    private int updated;
    private int failed;
    private int salesforceCalls;

    InventoryRun(String keyLabel, List<String> locations, Map<String, Long> stock, int itemsWithoutKey) {
        this.keyLabel = keyLabel;
        this.locations = List.copyOf(locations);
        this.stock = stock;
        this.itemsWithoutKey = itemsWithoutKey;
        stock.keySet().forEach(k -> keysIgnoringCase.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
    }

    static InventoryRun of(Exchange exchange) {
        InventoryRun run = exchange.getProperty(PROPERTY, InventoryRun.class);
        if (run == null) {
            throw new IllegalStateException("no inventory run on the exchange: shopifyStock.read must run first");
        }
        return run;
    }

    /** Available quantity per key, summed over the run's locations. */
    public Map<String, Long> stock() {
        return stock;
    }

    /**
     * The Shopify key a Salesforce value belongs to. SOQL compares text case-insensitively, so a record of "abc-1"
     * answers the query for "ABC-1": the exact spelling wins, else the first key equal ignoring case. Null when none.
     */
    String shopifyKey(String salesforceValue) {
        if (salesforceValue == null) {
            return null;
        }
        return stock.containsKey(salesforceValue) ? salesforceValue : keysIgnoringCase.get(salesforceValue.toLowerCase(Locale.ROOT));
    }

    InventoryComparison.Changes changes() {
        return changes;
    }

    void changes(InventoryComparison.Changes c) {
        this.changes = c;
    }

    void calledSalesforce() {
        salesforceCalls++;
    }

    void addUpdated(int n) {
        updated += n;
    }

    void addFailed(int n) {
        failed += n;
    }

    // ---- read by the summary log line ----

    public String getKeyLabel() {
        return keyLabel;
    }

    public String getLocations() {
        return locations.isEmpty() ? "no location" : String.join(", ", locations);
    }

    public int getProducts() {
        return stock.size();
    }

    public int getItemsWithoutKey() {
        return itemsWithoutKey;
    }

    public int getUpdated() {
        return updated;
    }

    public int getUnchanged() {
        return changes == null ? 0 : changes.unchanged();
    }

    public int getUnmatched() {
        return changes == null ? 0 : changes.unmatched().size();
    }

    public int getFailed() {
        return failed;
    }

    public int getSalesforceCalls() {
        return salesforceCalls;
    }
}

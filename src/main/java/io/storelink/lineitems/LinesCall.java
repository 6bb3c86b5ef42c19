package io.storelink.lineitems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.storelink.salesforce.schema.FieldFit;
import io.storelink.shopify.admin.Batches;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second composite of a lines call, built from what the first found: the OpportunityLineItem upserts by the
 * line's external id, the deletion of the Opportunities' lines the orders no longer have, and last the order
 * version on each Opportunity whose lines are now the order's. A new line names its Opportunity by its external id and
 * its PricebookEntry by the Id the first composite read (else by the entry's external id); a line already there names
 * neither, because OpportunityId and PricebookEntryId can be set only on create (Object Reference; UNCONFIRMED whether
 * an upsert that finds the line is refused or ignores them: the fake refuses, the stricter reading).
 * <p>
 * Lines the order no longer has are deleted, including lines added in Salesforce by hand: the Opportunity's lines are
 * the order's. The version comes last in the call, but the call is not all-or-none: an order whose line Salesforce
 * refuses still gets its version; it goes to the dead-letter topic with the reason.
 */
final class LinesCall {

    private static final Logger LOG = LoggerFactory.getLogger(LinesCall.class);
    /** Subrequests left for deletions: five queries or collections a composite, minus the lines and the versions. */
    private static final int DELETE_REQUESTS = 3;
    private static final int IDS_PER_DELETE = 200;

    private final LineContext c;
    private final List<String> kinds = new ArrayList<>();
    private final List<String> lineOrders = new ArrayList<>();
    private final List<List<String>> deleteOrders = new ArrayList<>();
    private final List<String> stampOrders = new ArrayList<>();
    final SObjectComposite composite;

    LinesCall(LineContext c, List<Slice> slices, PricesCall.Found found) {
        this.c = c;
        this.composite = new SObjectComposite(c.apiVersion(), false);
        lines(slices, found);
        deletions(slices, found.present());
        stamps(slices);
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }

    private void lines(List<Slice> slices, PricesCall.Found found) {
        LineItemSettings.LineFields f = c.settings().lineItem();
        List<Map<String, Object>> records = new ArrayList<>();
        for (Slice s : slices) {
            Set<String> there = found.present().getOrDefault(s.orderKey(), List.of()).stream().map(PricesCall.Present::lineKey)
                    .collect(Collectors.toSet());
            for (OrderLines.Line l : s.lines()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("attributes", Map.of("type", f.object()));
                line.put(f.externalId(), l.lineKey());
                line.putAll(FieldFit.fit(l.lineFields(), c.lineFields()));
                if (!there.contains(l.lineKey())) {
                    line.put("Opportunity", Map.of(c.opportunityKey(), s.orderKey()));
                    String entry = c.entryKey(c.priceBooks().book(), l.variantKey(), s.order().currency());
                    String entryId = found.entries().get(entry);
                    if (entryId != null) {
                        line.put("PricebookEntryId", entryId);
                    } else {
                        line.put("PricebookEntry", Map.of(c.settings().priceBookEntry().externalId(), entry));
                    }
                }
                records.add(line);
                lineOrders.add(s.orderKey());
            }
        }
        if (!records.isEmpty()) {
            composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects/" + f.object() + "/" + f.externalId(),
                    body(records), "lines");
            kinds.add("lines");
        }
    }

    private void deletions(List<Slice> slices, Map<String, List<PricesCall.Present>> present) {
        List<String[]> stale = new ArrayList<>(); // {id, order key}
        for (Slice s : slices) {
            if (s.finishing()) {
                present.getOrDefault(s.orderKey(), List.of()).stream()
                        .filter(p -> p.lineKey() == null || !s.allLineKeys().contains(p.lineKey()))
                        .forEach(p -> stale.add(new String[] {p.id(), s.orderKey()}));
            }
        }
        if (stale.size() > DELETE_REQUESTS * IDS_PER_DELETE) {
            LOG.warn("{} line items to delete in one call; {} deleted now, the rest at the orders' next sync", stale.size(),
                    DELETE_REQUESTS * IDS_PER_DELETE);
        }
        Batches<String[]> batches = new Batches<>(stale.stream().limit((long) DELETE_REQUESTS * IDS_PER_DELETE).iterator(), IDS_PER_DELETE);
        for (int n = 0; batches.hasNext(); n++) {
            List<String[]> batch = batches.next();
            composite.addGeneric(SObjectComposite.Method.DELETE, "/composite/sobjects?allOrNone=false&ids="
                    + batch.stream().map(d -> d[0]).collect(Collectors.joining(",")), "staleLines" + n);
            kinds.add("delete");
            deleteOrders.add(batch.stream().map(d -> d[1]).toList());
        }
    }

    private void stamps(List<Slice> slices) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Slice s : slices) {
            if (s.finishing() && !s.stamp().isEmpty()) {
                Map<String, Object> stamp = new LinkedHashMap<>();
                stamp.put("attributes", Map.of("type", c.opportunityObject()));
                stamp.put(c.opportunityKey(), s.orderKey());
                stamp.putAll(s.stamp());
                records.add(stamp);
                stampOrders.add(s.orderKey());
            }
        }
        if (!records.isEmpty()) {
            composite.addGeneric(SObjectComposite.Method.PATCH, "/composite/sobjects/" + c.opportunityObject() + "/"
                    + c.opportunityKey(), body(records), "versions");
            kinds.add("versions");
        }
    }

    private static Map<String, Object> body(List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        return body;
    }

    /** Per order, the first failure of its lines, deletions or version. */
    void read(List<SObjectCompositeResult> results, Map<String, SalesforceException> failures) throws SalesforceException {
        int deletes = 0;
        for (int i = 0; i < kinds.size(); i++) {
            switch (kinds.get(i)) {
                case "lines" -> blame(RecordResults.of(results.get(i), "OpportunityLineItem upserts"), lineOrders, failures);
                // a line deleted meanwhile (another writer, a person) is as good as deleted here
                case "delete" -> blame(RecordResults.of(results.get(i), "line item deletions"), deleteOrders.get(deletes++),
                        failures, "ENTITY_IS_DELETED");
                default -> blame(RecordResults.of(results.get(i), "Opportunity versions"), stampOrders, failures);
            }
        }
    }

    private static void blame(RecordResults results, List<String> orders, Map<String, SalesforceException> failures,
            String... fine) {
        for (int i = 0; i < orders.size(); i++) {
            SalesforceException f = results.failure(i, fine);
            if (f != null) {
                failures.putIfAbsent(orders.get(i), f);
            }
        }
    }
}

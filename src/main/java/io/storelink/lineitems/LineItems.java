package io.storelink.lineitems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.Upsert;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.shopify.model.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * What the orders writer asks of line items (its hooks): whether an order's lines are synced, the Opportunity as the
 * lines need it (price book, currency, and its version withheld until the lines are written), and the lines calls
 * for the orders a write call wrote: runs of at most {@value #LINES_PER_RUN} lines and {@value #ORDERS_PER_RUN}
 * orders, an order with more lines spread over several runs (its deletions and version in its last).
 */
@Component
public class LineItems {

    static final int LINES_PER_RUN = 200;    // one collection of OpportunityLineItems (and of products, of entries)
    static final int ORDERS_PER_RUN = 200;   // one collection of Opportunity versions
    static final int ORDERS_REMEMBERED = 20_000;   // the lines written, per writer instance (as the version cache)

    /** An order the write call wrote: the order, its payload, and its Opportunity as mapped (with its version). */
    public record Order(ShopifyOrder order, JsonNode payload, Upsert opportunity) {
    }

    /** The runs of a write call's orders, and the orders whose lines could not be mapped (by Shopify order id). */
    public record Plan(List<LineItemsRun> runs, Map<String, RuntimeException> unmapped) {
    }

    private final LineItemSettings settings;
    private final MappingSettings mapping;
    private final LineItemMapping lines;
    private final PriceBooks priceBooks;
    private final OrgSchema schema;
    private final String apiVersion;
    private final LinesWritten written = new LinesWritten(ORDERS_REMEMBERED, java.time.Clock.systemUTC());

    public LineItems(LineItemSettings settings, MappingSettings mapping, LineItemMapping lines, PriceBooks priceBooks,
            OrgSchema schema, SalesforceSettings salesforce) {
        this.settings = settings;
        this.mapping = mapping;
        this.lines = lines;
        this.priceBooks = priceBooks;
        this.schema = schema;
        this.apiVersion = salesforce == null ? null : salesforce.apiVersion();
    }

    /** Line items off: what the writer's tests without Salesforce products use. */
    public static LineItems off() {
        return new LineItems(new LineItemSettings(false, null, null, null, null, null), null, null, null, null, null);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Whether the writer syncs this order's lines: line items on, a payload that tells the lines, and lines other than
     * those this writer wrote for the order since {@code lastReset} (its partitions' last reset: the version cache's):
     * an event that leaves the lines as they were (paid, fulfilled) costs no lines call.
     */
    public boolean syncs(ShopifyOrder order, JsonNode payload, java.time.Instant lastReset) {
        if (!settings.enabled() || !LineItemMapping.tellsLines(payload)) {
            return false;
        }
        PriceBooks.Ids ids = priceBooks.known();
        try {
            return ids == null || !written.unchanged(lines.map(order, payload).orElseThrow(), ids.book(), lastReset);
        } catch (RuntimeException e) {
            return true; // the lines call refuses the order with the reason
        }
    }

    /** The order's lines are written as its payload tells them. */
    public void written(ShopifyOrder order, JsonNode payload) {
        lines.map(order, payload).ifPresent(l -> written.written(l, ids().book()));
    }

    /** The order's lines may not be as the writer wrote them last (a lines call refused it). */
    public void forget(long orderId) {
        written.forget(Long.toString(orderId));
    }

    /**
     * The Opportunity as line items need it: in the price book (Salesforce takes lines only on an Opportunity with
     * one), in the order's currency where the org has currencies, and without the order version when its lines are
     * synced ({@code syncLines}, what {@link #syncs} said): the lines call writes the version last, so an order whose
     * lines were not written is written again.
     */
    public Upsert opportunity(ShopifyOrder order, boolean syncLines, Upsert opportunity) {
        if (!settings.enabled()) {
            return opportunity;
        }
        Map<String, Object> fields = new LinkedHashMap<>(opportunity.fields());
        fields.put(settings.opportunityPriceBook(), ids().book());
        if (multiCurrency() && order.currency() != null) {
            fields.put(LineContext.CURRENCY, order.currency());
        }
        if (syncLines) {
            fields.remove(mapping.opportunity().shopifyUpdatedAt());
        }
        return new Upsert(opportunity.sObject(), opportunity.externalIdField(), opportunity.externalId(), fields);
    }

    /** The lines calls for these orders (each synced: {@link #syncs}). */
    public Plan plan(List<Order> orders) {
        LineContext context = new LineContext(apiVersion, settings, mapping.opportunity().object(),
                mapping.opportunity().externalId(), ids(), multiCurrency(),
                schema.fields(settings.product().object()), schema.fields(settings.lineItem().object()));
        List<LineItemsRun> runs = new ArrayList<>();
        Map<String, RuntimeException> unmapped = new LinkedHashMap<>();
        List<Slice> run = new ArrayList<>();
        int lineCount = 0;
        for (Order o : orders) {
            OrderLines ol;
            try {
                ol = lines.map(o.order(), o.payload()).orElseThrow();
            } catch (RuntimeException e) {
                unmapped.put(Long.toString(o.order().id()), e);
                continue;
            }
            Set<String> all = new LinkedHashSet<>();
            ol.lines().forEach(l -> all.add(l.lineKey()));
            Map<String, Object> stamp = stamp(o.opportunity());
            List<OrderLines.Line> rest = ol.lines();
            do {
                if (lineCount == LINES_PER_RUN || run.size() == ORDERS_PER_RUN) {
                    runs.add(new LineItemsRun(context, run));
                    run = new ArrayList<>();
                    lineCount = 0;
                }
                int take = Math.min(rest.size(), LINES_PER_RUN - lineCount);
                run.add(new Slice(ol, rest.subList(0, take), take == rest.size(), all, stamp));
                rest = rest.subList(take, rest.size());
                lineCount += take;
            } while (!rest.isEmpty());
        }
        if (!run.isEmpty()) {
            runs.add(new LineItemsRun(context, run));
        }
        return new Plan(runs, unmapped);
    }

    private Map<String, Object> stamp(Upsert opportunity) {
        String field = mapping.opportunity().shopifyUpdatedAt();
        Object version = opportunity.fields().get(field);
        return version == null ? Map.of() : Map.of(field, version);
    }

    /** The org has currencies when its Opportunity has CurrencyIsoCode (describe, read by the mapping check). */
    public boolean multiCurrency() {
        return schema.fields(mapping.opportunity().object()).containsKey("currencyisocode");
    }

    private PriceBooks.Ids ids() {
        try {
            return priceBooks.ids();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the price books: " + e.getMessage(), e); // classified by its cause
        }
    }
}

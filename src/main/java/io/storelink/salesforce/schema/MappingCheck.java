package io.storelink.salesforce.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.PriceBooks;
import io.storelink.mapping.FieldSet;
import io.storelink.fulfillments.FulfillmentMapping;
import io.storelink.mapping.MappingSettings;
import io.storelink.orderchanges.OrderChangeSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyFulfillment;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * The configured mapping against the org, before the writers write anything: describe of each mapped object (one
 * API call each, cached in {@link OrgSchema}), then {@link MappingProblems}. Types are checked with what the mapping
 * gives for sample payloads shipped in the jar ({@code mapping/sample-order.json}: the Shopify API client's order
 * fixture plus tags, presentment currency and payment gateway; {@code mapping/sample-fulfillment.json}). The writers'
 * gate (io.storelink.salesforce.SalesforceGate) runs it once and keeps them from writing while it finds problems.
 * The order changes' fields (io.storelink.orderchanges: the total refunded, the deletion reason) are checked by type.
 */
@Component
public class MappingCheck {

    private final MappingSettings settings;
    private final OrderChangeSettings changes;
    private final OrderMapping orders;
    private final FulfillmentMapping fulfillments;
    private final OrgSchema schema;
    private final ShopifyPayload<ShopifyOrder> sampleOrder;
    private final ShopifyPayload<ShopifyFulfillment> sampleFulfillment;
    private final LineItemSettings lineItems;
    private final LineItemMapping lineMapping;
    private final PriceBooks priceBooks;
    private volatile List<String> problems;   // null until checked

    public MappingCheck(MappingSettings settings, OrderChangeSettings changes, OrderMapping orders,
            FulfillmentMapping fulfillments, OrgSchema schema, ParseOrder parseOrder, ParseFulfillment parseFulfillment,
            LineItemSettings lineItems, LineItemMapping lineMapping, PriceBooks priceBooks) {
        this.lineItems = lineItems;
        this.lineMapping = lineMapping;
        this.priceBooks = priceBooks;
        this.settings = settings;
        this.changes = changes;
        this.orders = orders;
        this.fulfillments = fulfillments;
        this.schema = schema;
        this.sampleOrder = parseOrder.read(sample("sample-order.json"));
        this.sampleFulfillment = parseFulfillment.read(sample("sample-fulfillment.json"));
    }

    /**
     * The problems, checking first if that has not succeeded yet; a failed describe call throws. The writers' gate asks
     * before every Salesforce call: once checked, a read of the volatile field, no lock.
     */
    public List<String> ensureChecked() throws Exception {
        List<String> checked = problems;
        return checked != null ? checked : checkOnce();
    }

    private synchronized List<String> checkOnce() throws Exception {
        if (problems == null) {
            problems = run();
        }
        return problems;
    }

    /** Describes again (the org may have been fixed) and checks again. */
    public synchronized List<String> recheck() throws Exception {
        problems = run();
        return problems;
    }

    public boolean checked() {
        return problems != null;
    }

    /** For /actuator/health and the log: every problem with its fix. */
    public static String detail(List<String> problems) {
        StringBuilder s = new StringBuilder("The field mapping (storelink.mapping) does not fit the Salesforce org, so "
                + "the writers (orders, fulfillments, refunds and deletions) wait (events stay in Kafka). ");
        for (int i = 0; i < problems.size(); i++) {
            s.append(i + 1).append(") ").append(problems.get(i)).append(' ');
        }
        return s.append("Writes start within a minute of a fix in Salesforce; a fix in application.yaml needs a restart.")
                .toString();
    }

    private List<String> run() throws Exception {
        Map<String, Optional<Map<String, SalesforceField>>> described = new HashMap<>();
        Set<String> objects = new LinkedHashSet<>(List.of(settings.account().object(), settings.contact().object(),
                settings.opportunity().object()));
        if (lineItems.enabled()) {
            objects.addAll(List.of(lineItems.product().object(), lineItems.priceBookEntry().object(), lineItems.lineItem().object()));
        }
        for (String object : objects) {
            described.put(object, describe(object));
        }
        OrderUpserts sample = orders.map(sampleOrder.value(), sampleOrder.json());
        Map<String, FieldSet> sets = orders.fieldSets();
        List<MappingProblems.Target> targets = new ArrayList<>();
        targets.add(new MappingProblems.Target("account", settings.account().object(), sets.get("account"),
                sample.account().fields(), true));
        targets.add(new MappingProblems.Target("contact", settings.contact().object(), sets.get("contact"),
                sample.contact().map(c -> c.fields()).orElse(Map.of()), true));
        targets.add(new MappingProblems.Target("opportunity", settings.opportunity().object(), sets.get("opportunity"),
                sample.opportunity().fields(), true));
        targets.add(new MappingProblems.Target("fulfillment", settings.opportunity().object(), fulfillments.fieldSet(),
                fulfillments.map(sampleFulfillment.value(), sampleFulfillment.json()), false));
        List<String> problems = new ArrayList<>(MappingProblems.of(settings, changes, targets,
                o -> described.getOrDefault(o, Optional.empty())));
        if (lineItems.enabled()) {
            problems.addAll(lineItemProblems(o -> described.getOrDefault(o, Optional.empty())));
        }
        return List.copyOf(problems);
    }

    /**
     * storelink.mapping.line-items, when on: the three objects and their external ids, the mapped fields with the
     * sample order's first line, the Opportunity's price book lookup, and the price books themselves (read here,
     * kept for the writer).
     */
    private List<String> lineItemProblems(java.util.function.Function<String, Optional<Map<String, SalesforceField>>> describe)
            throws Exception {
        MappingProblems p = new MappingProblems(describe);
        var line = lineMapping.map(sampleOrder.value(), sampleOrder.json()).orElseThrow().lines().get(0);
        Map<String, FieldSet> sets = lineMapping.fieldSets();
        if (p.fields(new MappingProblems.Target("line-items.product", lineItems.product().object(),
                sets.get("line-items.product"), line.productFields(), true))) {
            p.externalId(lineItems.product().object(), lineItems.product().externalId(), "storelink.mapping.line-items.product.external-id");
        }
        if (describe.apply(lineItems.priceBookEntry().object()).isPresent()) {
            p.externalId(lineItems.priceBookEntry().object(), lineItems.priceBookEntry().externalId(),
                    "storelink.mapping.line-items.price-book-entry.external-id");
        }
        if (p.fields(new MappingProblems.Target("line-items.line-item", lineItems.lineItem().object(),
                sets.get("line-items.line-item"), line.lineFields(), true))) {
            p.externalId(lineItems.lineItem().object(), lineItems.lineItem().externalId(),
                    "storelink.mapping.line-items.line-item.external-id");
        }
        p.lookup(settings.opportunity().object(), lineItems.opportunityPriceBook(), "Pricebook2",
                "storelink.mapping.line-items.opportunity-price-book");
        List<String> problems = new ArrayList<>(p.problems());
        problems.addAll(priceBooks.read());
        return problems;
    }

    /** The object's fields; empty when the org has no such object (describe answers 404). */
    private Optional<Map<String, SalesforceField>> describe(String object) throws Exception {
        try {
            return Optional.of(schema.describe(object));
        } catch (SalesforceException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static byte[] sample(String name) {
        try (InputStream in = MappingCheck.class.getResourceAsStream("/mapping/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

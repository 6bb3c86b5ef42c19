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

import io.storelink.customers.CustomerMapping;
import io.storelink.customers.CustomerSettings;
import io.storelink.customers.CustomerUpserts;
import io.storelink.mapping.FieldSet;
import io.storelink.fulfillments.FulfillmentMapping;
import io.storelink.mapping.MappingSettings;
import io.storelink.orderchanges.OrderChangeSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyCustomer;
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
 * The order changes' fields (io.storelink.orderchanges: the total refunded, the deletion reason) are checked by type;
 * the customer events' Contact fields with {@code mapping/sample-customer.json} (Shopify's customers/create sample plus
 * tags and marketing consent), their version field, and the deleted flag when customers/delete marks.
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
    private final CustomerSettings customerSettings;
    private final CustomerMapping customers;
    private final ShopifyPayload<ShopifyCustomer> sampleCustomer;
    private final LineItemsCheck lineItems;
    private volatile List<String> problems;   // null until checked

    public MappingCheck(MappingSettings settings, OrderChangeSettings changes, OrderMapping orders,
            FulfillmentMapping fulfillments, CustomerSettings customerSettings, CustomerMapping customers, OrgSchema schema,
            ParseOrder parseOrder, ParseFulfillment parseFulfillment, ParseCustomer parseCustomer, LineItemsCheck lineItems) {
        this.lineItems = lineItems;
        this.settings = settings;
        this.changes = changes;
        this.orders = orders;
        this.fulfillments = fulfillments;
        this.schema = schema;
        this.sampleOrder = parseOrder.read(sample("sample-order.json"));
        this.sampleFulfillment = parseFulfillment.read(sample("sample-fulfillment.json"));
        this.customerSettings = customerSettings;
        this.customers = customers;
        this.sampleCustomer = parseCustomer.read(sample("sample-customer.json"));
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
        objects.addAll(lineItems.objects());
        for (String object : objects) {
            described.put(object, describe(object));
        }
        OrderUpserts sample = orders.map(sampleOrder.value(), sampleOrder.json());
        CustomerUpserts customerSample = customers.map(sampleCustomer.value(), sampleCustomer.json());
        Map<String, FieldSet> sets = orders.fieldSets();
        boolean persons = orders.persons().personAccounts();
        List<MappingProblems.Target> targets = new ArrayList<>();
        if (persons) { // customers and guests are person Accounts: the Contact's fields checked there, renamed
            targets.add(new MappingProblems.Target("account", settings.account().object(), orders.personFieldSet(),
                    sample.account().fields(), true));
            targets.add(new MappingProblems.Target("customer", settings.account().object(), customers.personFields(),
                    customerSample.account().map(a -> a.fields()).orElse(Map.of()), true));
        } else {
            targets.add(new MappingProblems.Target("account", settings.account().object(), sets.get("account"),
                    sample.account().fields(), true));
            targets.add(new MappingProblems.Target("contact", settings.contact().object(), sets.get("contact"),
                    sample.contact().map(c -> c.fields()).orElse(Map.of()), true));
            targets.add(new MappingProblems.Target("customer", settings.contact().object(), customers.fields(),
                    customerSample.contact().map(c -> c.fields()).orElse(Map.of()), true));
        }
        targets.add(new MappingProblems.Target("opportunity", settings.opportunity().object(), sets.get("opportunity"),
                sample.opportunity().fields(), true));
        targets.add(new MappingProblems.Target("fulfillment", settings.opportunity().object(), fulfillments.fieldSet(),
                fulfillments.map(sampleFulfillment.value(), sampleFulfillment.json()), false));
        List<String> problems = new ArrayList<>(MappingProblems.of(settings, changes, customerSettings, orders.persons(), targets,
                o -> described.getOrDefault(o, Optional.empty())));
        problems.addAll(lineItems.problems(settings, sampleOrder.value(), sampleOrder.json(),
                o -> described.getOrDefault(o, Optional.empty())));
        return List.copyOf(problems);
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

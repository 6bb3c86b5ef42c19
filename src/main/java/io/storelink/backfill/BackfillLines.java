package io.storelink.backfill;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.backfill.salesforce.BulkRows;
import io.storelink.backfill.salesforce.LineRows;
import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.LineItems;
import io.storelink.lineitems.PriceBooks;
import io.storelink.mapping.MappingSettings;
import io.storelink.orders.OrderUpserts;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.shopify.model.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * Line items in a backfill (storelink.mapping.line-items.enabled): a run reads the price books' Ids once, as the
 * live path does ({@link PriceBooks}), then maps each order's lines with the live {@link LineItemMapping} into
 * {@link LineRows} and gives its Opportunity the price book (and currency) the live writer gives it
 * ({@link LineItems#opportunity}). Off, a run has no line tables and the Opportunity rows are as they were.
 */
@Component
public class BackfillLines {

    /**
     * One run's line items: its tables after the Opportunities', the Opportunity's extra fields, each order's rows;
     * {@code rows} null when line items are off.
     */
    public final class Run {
        private final LineRows rows;
        private final List<String> opportunityFields;

        private Run(LineRows rows, List<String> opportunityFields) {
            this.rows = rows;
            this.opportunityFields = opportunityFields;
        }

        public List<String> opportunityFields() {
            return opportunityFields;
        }

        public List<BulkRows.Table> tables() {
            return rows == null ? List.of() : rows.tables();
        }

        /** The table whose rows stream to their file as orders arrive (the lines); null when off. */
        public BulkRows.Table streamed() {
            return rows == null ? null : rows.lines();
        }

        /** The order's records, the Opportunity in the price book as the live writer writes it. */
        public OrderUpserts opportunity(ShopifyOrder order, OrderUpserts upserts) {
            return rows == null ? upserts : new OrderUpserts(upserts.account(), upserts.contact(),
                    lineItems.opportunity(order, false, upserts.opportunity())); // the version stays: no lines call follows
        }

        /** The order's line rows; none for lines the mapping leaves out (nothing left to deliver). */
        public List<BulkRows.Row> rows(ShopifyOrder order, JsonNode payload) {
            return rows == null ? List.of() : mapping.map(order, payload).map(rows::rows).orElse(List.of());
        }
    }

    private final LineItemSettings settings;
    private final LineItems lineItems;
    private final LineItemMapping mapping;
    private final PriceBooks priceBooks;
    private final MappingSettings orders;
    private final OrgSchema schema;

    public BackfillLines(LineItemSettings settings, LineItems lineItems, LineItemMapping mapping, PriceBooks priceBooks,
            MappingSettings orders, OrgSchema schema) {
        this.settings = settings;
        this.lineItems = lineItems;
        this.mapping = mapping;
        this.priceBooks = priceBooks;
        this.orders = orders;
        this.schema = schema;
    }

    /** Line items off: what tests of the export without products use. */
    public static BackfillLines off() {
        return new BackfillLines(null, null, null, null, null, null);
    }

    public boolean enabled() {
        return settings != null && settings.enabled();
    }

    /** A run's line items; with line items on, the price books are read now (one query), else nothing is asked. */
    public Run run() throws Exception {
        if (!enabled()) {
            return new Run(null, List.of());
        }
        List<String> problems = priceBooks.read();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0));
        }
        boolean multiCurrency = lineItems.multiCurrency();
        LineRows rows = new LineRows(settings, orders.opportunity().externalId(), priceBooks.ids(), multiCurrency,
                List.copyOf(mapping.fieldSets().get("line-items.product").fields().keySet()),
                schema.fields(settings.product().object()),
                List.copyOf(mapping.fieldSets().get("line-items.line-item").fields().keySet()),
                schema.fields(settings.lineItem().object()));
        List<String> opportunityFields = new ArrayList<>(List.of(settings.opportunityPriceBook()));
        if (multiCurrency) {
            opportunityFields.add(BulkRows.CURRENCY);
        }
        return new Run(rows, opportunityFields);
    }
}

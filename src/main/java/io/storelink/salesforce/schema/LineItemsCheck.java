package io.storelink.salesforce.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.OrderLines;
import io.storelink.lineitems.PriceBooks;
import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingSettings;
import io.storelink.shopify.model.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * The start-up check's part for storelink.mapping.line-items, when on: the three objects and their external ids, the
 * mapped fields with the sample order's first line, the Opportunity's price book lookup, and the price books
 * themselves (read here, kept for the writer).
 */
@Component
public class LineItemsCheck {

    private final LineItemSettings settings;
    private final LineItemMapping mapping;
    private final PriceBooks priceBooks;

    public LineItemsCheck(LineItemSettings settings, LineItemMapping mapping, PriceBooks priceBooks) {
        this.settings = settings;
        this.mapping = mapping;
        this.priceBooks = priceBooks;
    }

    /** The objects to describe: none when line items are off. */
    List<String> objects() {
        return settings.enabled()
                ? List.of(settings.product().object(), settings.priceBookEntry().object(), settings.lineItem().object())
                : List.of();
    }

    List<String> problems(MappingSettings orders, ShopifyOrder sample, JsonNode sampleJson,
            Function<String, Optional<Map<String, SalesforceField>>> describe) throws Exception {
        if (!settings.enabled()) {
            return List.of();
        }
        MappingProblems p = new MappingProblems(describe);
        OrderLines.Line line = mapping.map(sample, sampleJson).orElseThrow().lines().get(0);
        Map<String, FieldSet> sets = mapping.fieldSets();
        if (p.fields(new MappingProblems.Target("line-items.product", settings.product().object(),
                sets.get("line-items.product"), line.productFields(), true))) {
            p.externalId(settings.product().object(), settings.product().externalId(), "storelink.mapping.line-items.product.external-id");
        }
        if (describe.apply(settings.priceBookEntry().object()).isPresent()) {
            p.externalId(settings.priceBookEntry().object(), settings.priceBookEntry().externalId(),
                    "storelink.mapping.line-items.price-book-entry.external-id");
        }
        if (p.fields(new MappingProblems.Target("line-items.line-item", settings.lineItem().object(),
                sets.get("line-items.line-item"), line.lineFields(), true))) {
            p.externalId(settings.lineItem().object(), settings.lineItem().externalId(),
                    "storelink.mapping.line-items.line-item.external-id");
        }
        p.lookup(orders.opportunity().object(), settings.opportunityPriceBook(), "Pricebook2",
                "storelink.mapping.line-items.opportunity-price-book");
        List<String> problems = new ArrayList<>(p.problems());
        problems.addAll(priceBooks.read());
        return problems;
    }
}

package io.storelink.lineitems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingInput;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * An order's lines to Product2 and OpportunityLineItem fields, by the {@code fields} of storelink.mapping.line-items
 * (compiled once), read from each line of the payload and {@link LineVariables}. A line with nothing left to deliver
 * (quantity 0 after an edit) is not one of the order's lines: the re-sync deletes it in Salesforce.
 * <p>
 * A payload without {@code line_items} at all says nothing about the lines (a partial payload): empty, so the writer
 * leaves the Opportunity's lines as they are instead of deleting them all.
 */
@Component
public class LineItemMapping {

    /** Product key of a line without a variant (a custom item, a deleted product): its title. */
    static final String CUSTOM_ITEM_PREFIX = "custom:";
    /** Set by the reconciliation on an order whose lines it could not read in full: its lines are left as they are. */
    public static final String INCOMPLETE_LINES = "storelink_line_items_incomplete";

    private final FieldSet product;
    private final FieldSet line;
    private final CamelContext camel;

    public LineItemMapping(LineItemSettings settings, CamelContext camel) {
        this.camel = camel;
        this.product = new FieldSet(settings.product().object(), "line-items.product", settings.product().fields(), camel);
        this.line = new FieldSet(settings.lineItem().object(), "line-items.line-item", settings.lineItem().fields(), camel);
    }

    /** Whether the payload tells the order's lines (the writer syncs them only then). */
    public static boolean tellsLines(JsonNode payload) {
        return payload != null && payload.path("line_items").isArray() && !payload.path(INCOMPLETE_LINES).asBoolean(false);
    }

    public Optional<OrderLines> map(ShopifyOrder order, JsonNode payload) {
        if (!tellsLines(payload)) {
            return Optional.empty();
        }
        List<OrderLines.Line> lines = new ArrayList<>();
        for (JsonNode l : payload.path("line_items")) {
            if (!l.hasNonNull("id") || LineVariables.quantity(l) <= 0) {
                continue;
            }
            MappingInput input = new MappingInput(l, LineVariables.of(l, order.currency()), camel);
            lines.add(new OrderLines.Line(l.get("id").asText(), variantKey(l), LineVariables.money(l.path("price")),
                    product.values(input), line.values(input)));
        }
        return Optional.of(new OrderLines(Long.toString(order.id()), order.currency(), lines));
    }

    /** The compiled fields by settings key, for the start-up check. */
    public Map<String, FieldSet> fieldSets() {
        Map<String, FieldSet> sets = new LinkedHashMap<>();
        sets.put("line-items.product", product);
        sets.put("line-items.line-item", line);
        return sets;
    }

    private static String variantKey(JsonNode l) {
        if (l.hasNonNull("variant_id")) {
            return l.get("variant_id").asText();
        }
        String title = l.path("title").asText("");
        return CUSTOM_ITEM_PREFIX + (title.length() > 200 ? title.substring(0, 200) : title);
    }
}

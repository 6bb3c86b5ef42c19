package io.storelink.lineitems;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.shopify.model.ShopifyOrder;
import org.junit.jupiter.api.Test;

/** An order's lines by the shipped storelink.mapping.line-items: which lines are the order's, and their fields. */
class LineItemMappingTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final LineItemMapping mapping = new LineItemMapping(TestSettings.lineItems(""), TestSettings.camel());

    @Test
    void eachLineGivesItsProductAndLineFields() {
        ObjectNode order = order(line(1, 101, 2, "12.50"));
        OrderLines.Line l = map(order).orElseThrow().lines().get(0);

        assertThat(l.lineKey()).isEqualTo("1");
        assertThat(l.variantKey()).isEqualTo("101");
        assertThat(l.listPrice()).isEqualByComparingTo("12.50");
        assertThat(l.productFields()).containsEntry("Name", "Tea - 250 g").containsEntry("ProductCode", "SKU-1")
                .containsEntry("Description", "Leaf & Co").containsEntry("IsActive", "true");
        assertThat(l.lineFields().get("Quantity")).hasToString("2");
        assertThat(l.lineFields()).containsEntry("UnitPrice", "12.50");
        assertThat(new BigDecimal(l.lineFields().get("Discount").toString())).isZero();
    }

    @Test
    void whatIsStillOrderedCountsAndALineTakenOffIsNotTheOrdersAnyMore() {
        ObjectNode order = order(line(1, 101, 2, "10.00").put("current_quantity", 5), line(2, 102, 1, "10.00").put("current_quantity", 0));
        List<OrderLines.Line> lines = map(order).orElseThrow().lines();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l.lineFields().get("Quantity")).hasToString("5"));
    }

    @Test
    void theDiscountIsAPercentOfPriceTimesQuantity() {
        ObjectNode allocated = line(1, 101, 4, "25.00");
        allocated.putArray("discount_allocations").addObject().put("amount", "10.00");
        allocated.withArray("discount_allocations").addObject().put("amount", "5.00");
        ObjectNode total = line(2, 102, 3, "9.99").put("total_discount", "2.997");
        List<OrderLines.Line> lines = map(order(allocated, total)).orElseThrow().lines();

        assertThat(new BigDecimal(lines.get(0).lineFields().get("Discount").toString())).isEqualByComparingTo("15.00");
        assertThat(new BigDecimal(lines.get(1).lineFields().get("Discount").toString())).isEqualByComparingTo("10.00");
    }

    @Test
    void aLineWithoutAVariantIsItsOwnProductByTitle() {
        ObjectNode custom = line(1, 0, 1, "5.00");
        custom.putNull("variant_id");
        assertThat(map(order(custom)).orElseThrow().lines().get(0).variantKey()).isEqualTo("custom:Tea");
    }

    @Test
    void aPayloadThatDoesNotTellTheLinesLeavesThemAlone() {
        ObjectNode without = order();
        without.remove("line_items");
        assertThat(map(without)).isEmpty();
        ObjectNode incomplete = order(line(1, 101, 1, "1.00")).put(LineItemMapping.INCOMPLETE_LINES, true);
        assertThat(map(incomplete)).isEmpty();
        assertThat(map(order())).hasValueSatisfying(o -> assertThat(o.lines()).isEmpty()); // every line removed: none left
    }

    private Optional<OrderLines> map(ObjectNode order) {
        try {
            return mapping.map(JSON.treeToValue(order, ShopifyOrder.class), order);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode order(ObjectNode... lines) {
        ObjectNode order = JSON.createObjectNode().put("id", 5001L).put("currency", "EUR").put("updated_at", "2026-12-01T10:00:00+01:00");
        ArrayNode items = order.putArray("line_items");
        for (ObjectNode l : lines) {
            items.add(l);
        }
        return order;
    }

    static ObjectNode line(long id, long variant, int quantity, String price) {
        return JSON.createObjectNode().put("id", id).put("variant_id", variant).put("title", "Tea").put("variant_title", "250 g")
                .put("name", "Tea - 250 g").put("sku", "SKU-" + id).put("vendor", "Leaf & Co").put("quantity", quantity)
                .put("price", price);
    }
}

package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.storelink.TestSettings;
import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.OrderLines;
import io.storelink.lineitems.PriceBooks;
import org.junit.jupiter.api.Test;

/**
 * Order lines as Bulk API 2.0 rows: the records the live lines call writes (products by variant, prices inserted
 * standard first, lines naming their Opportunity and entry by external id), each price once per run.
 */
class LineRowsTest {

    private static final String STANDARD = "01sSTANDARD";
    private static final String WHOLESALE = "01sWHOLESALE";

    @Test
    void aLineIsItsProductItsStandardPriceAndItsLineNamingOpportunityAndEntryByExternalId() throws Exception {
        LineRows rows = rows("", false);

        List<BulkRows.Row> out = rows.rows(order("5001", "EUR", line("9001", "101", "12.50", 2)));

        assertThat(rows.tables()).extracting(BulkRows.Table::name, BulkRows.Table::object, BulkRows.Table::insert)
                .containsExactly(tuple("Product2", "Product2", false), tuple("PricebookEntry-standard", "PricebookEntry", true),
                        tuple("OpportunityLineItem", "OpportunityLineItem", false));
        assertThat(out).extracting(r -> r.table().name()).containsExactly("Product2", "PricebookEntry-standard", "OpportunityLineItem");
        assertThat(out.get(0).values()).containsEntry("External_Shopify_Variant_ID__c", "101").containsEntry("ProductCode", "SKU-101");
        assertThat(out.get(1).values()).containsEntry("External_Shopify_Price_Key__c", STANDARD + ":101")
                .containsEntry("Pricebook2Id", STANDARD).containsEntry("Product2.External_Shopify_Variant_ID__c", "101")
                .containsEntry("UnitPrice", new BigDecimal("12.50")).containsEntry("IsActive", true)
                .doesNotContainKeys("UseStandardPrice", "CurrencyIsoCode");
        assertThat(out.get(2).values()).containsEntry("External_Shopify_Line_Item_ID__c", "9001")
                .containsEntry("Opportunity.External_Shopify_Order_ID__c", "5001")
                .containsEntry("PricebookEntry.External_Shopify_Price_Key__c", STANDARD + ":101")
                .containsKey("Quantity");
        for (BulkRows.Row row : out) { // every value has its column: the CSV takes the row
            assertThat(row.table().columns()).containsAll(row.values().keySet());
        }
    }

    @Test
    void aCustomPriceBookGetsItsEntriesAfterTheStandardOnesAndTheLinesArePricedInIt() throws Exception {
        LineRows rows = rows("Wholesale", true);

        List<BulkRows.Row> out = rows.rows(order("5001", "EUR", line("9001", "101", "12.50", 2)));

        assertThat(rows.tables()).extracting(BulkRows.Table::name).containsExactly("Product2", "PricebookEntry-standard",
                "PricebookEntry-custom", "OpportunityLineItem");
        assertThat(out.get(1).values()).containsEntry("External_Shopify_Price_Key__c", STANDARD + ":101:EUR")
                .containsEntry("CurrencyIsoCode", "EUR");
        assertThat(out.get(2).values()).containsEntry("External_Shopify_Price_Key__c", WHOLESALE + ":101:EUR")
                .containsEntry("Pricebook2Id", WHOLESALE).containsEntry("UseStandardPrice", false);
        assertThat(out.get(3).values()).containsEntry("PricebookEntry.External_Shopify_Price_Key__c", WHOLESALE + ":101:EUR");
    }

    @Test
    void aPriceIsARowOnceARunTheFirstLinesListPriceWhileEveryLineIsItsOwnRow() throws Exception {
        LineRows rows = rows("", true);
        rows.rows(order("5001", "EUR", line("9001", "101", "12.50", 2)));

        List<BulkRows.Row> again = rows.rows(order("5002", "EUR", line("9002", "101", "11.00", 1)));
        List<BulkRows.Row> otherCurrency = rows.rows(order("5003", "USD", line("9003", "101", "14.00", 1)));

        assertThat(again).extracting(r -> r.table().name(), BulkRows.Row::key)
                .containsExactly(tuple("Product2", "101"), tuple("OpportunityLineItem", "9002"));
        assertThat(otherCurrency).extracting(r -> r.table().name(), BulkRows.Row::key).containsExactly(tuple("Product2", "101"),
                tuple("PricebookEntry-standard", STANDARD + ":101:USD"), tuple("OpportunityLineItem", "9003"));
    }

    private static LineRows rows(String priceBook, boolean multiCurrency) {
        LineItemSettings settings = TestSettings.lineItems(priceBook);
        LineItemMapping mapping = new LineItemMapping(settings, TestSettings.camel());
        return new LineRows(settings, "External_Shopify_Order_ID__c",
                new PriceBooks.Ids(STANDARD, priceBook.isEmpty() ? STANDARD : WHOLESALE), multiCurrency,
                List.copyOf(mapping.fieldSets().get("line-items.product").fields().keySet()),
                TestSettings.orgSchema().fields("Product2"),
                List.copyOf(mapping.fieldSets().get("line-items.line-item").fields().keySet()),
                TestSettings.orgSchema().fields("OpportunityLineItem"));
    }

    private static OrderLines order(String id, String currency, OrderLines.Line... lines) {
        return new OrderLines(id, currency, List.of(lines));
    }

    private static OrderLines.Line line(String id, String variant, String price, int quantity) {
        return new OrderLines.Line(id, variant, new BigDecimal(price),
                Map.of("Name", "Tea " + variant, "ProductCode", "SKU-" + variant, "IsActive", "true"),
                Map.of("Quantity", quantity, "UnitPrice", price));
    }
}

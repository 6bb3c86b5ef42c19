package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.orders.OrderUpserts;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import org.junit.jupiter.api.Test;

/** An order as Bulk API 2.0 rows and CSV: the live mapping's records, parents by external id in relationship columns. */
class BulkRowsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    private final BulkRows rows = new BulkRows(TestSettings.mapping(), TestSettings.orderMapping(), TestSettings.orgSchema());

    @Test
    void anOrderIsItsAccountContactAndOpportunityRowsLinkedByExternalIds() throws Exception {
        ShopifyPayload<ShopifyOrder> order = new ParseOrder(JSON).read(Files.readAllBytes(Path.of("src/test/resources/shopify/order.json")));
        String customer = Long.toString(order.value().customer().id());
        OrderUpserts upserts = TestSettings.orderMapping().map(order.value(), order.json());

        List<BulkRows.Row> out = rows.rows(upserts);

        assertThat(rows.tables()).extracting(BulkRows.Table::object).containsExactly("Account", "Contact", "Opportunity");
        assertThat(out).extracting(r -> r.table().object()).containsExactly("Account", "Contact", "Opportunity");
        assertThat(out.get(1).values()).containsEntry("External_Shopify_ID__c", customer)
                .containsEntry("Account.External_Shopify_Account_ID__c", "shop_cust_" + customer);
        assertThat(out.get(2).values()).containsEntry("External_Shopify_Order_ID__c", Long.toString(order.value().id()))
                .containsEntry("Account.External_Shopify_Account_ID__c", "shop_cust_" + customer)
                .containsEntry("Contact.External_Shopify_ID__c", customer)
                .containsKey("Shopify_Updated_At__c");
        assertThat(rows.tables().get(2).columns()).contains("Name", "StageName", "CloseDate", "Amount", "Shopify_Updated_At__c",
                "Account.External_Shopify_Account_ID__c", "Contact.External_Shopify_ID__c");
    }

    @Test
    void theOpportunityCarriesTheFieldsLineItemsAddAndTablesAreNamedByTheirObject() {
        BulkRows withLines = new BulkRows(TestSettings.mapping(), TestSettings.orderMapping(), TestSettings.orgSchema(),
                List.of("Pricebook2Id"));

        assertThat(withLines.tables().get(2).columns()).contains("Pricebook2Id");
        assertThat(rows.tables().get(2).columns()).doesNotContain("Pricebook2Id");
        assertThat(withLines.tables()).allSatisfy(t -> assertThat(t.name()).isEqualTo(t.object()))
                .noneMatch(BulkRows.Table::insert);
    }

    @Test
    void csvQuotesWhatNeedsItWritesNumbersPlainAndLeavesMissingValuesEmpty() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvTable csv = new CsvTable(out, List.of("External_Shopify_Order_ID__c", "Gateway__c", "Description", "Amount", "Phone"))) {
            csv.write(java.util.Map.of("External_Shopify_Order_ID__c", "1001", "Description", "2 x Tee, \"L\"\n1 x Cap",
                    "Amount", new java.math.BigDecimal("1E+3")));
        }
        assertThat(out.toString()).as("a missing value in the middle keeps its cell").isEqualTo(
                "External_Shopify_Order_ID__c,Gateway__c,Description,Amount,Phone\n"
                + "1001,,\"2 x Tee, \"\"L\"\"\n1 x Cap\",1000,\n");
    }
}

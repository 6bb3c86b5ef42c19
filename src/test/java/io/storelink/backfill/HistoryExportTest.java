package io.storelink.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.backfill.salesforce.KnownVersions;
import io.storelink.backfill.shopify.BackfillShopifySettings;
import io.storelink.backfill.run.BackfillProgress;
import io.storelink.backfill.shopify.BulkOperation;
import io.storelink.backfill.shopify.BulkOrder;
import io.storelink.backfill.shopify.ShopifyHistoryReader;
import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.LineItems;
import io.storelink.lineitems.PriceBooks;
import io.storelink.shopify.ParseOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's two filters on the way to CSV: the versions Salesforce has, and the size of one upload. */
class HistoryExportTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    private static final BulkOperation COMPLETED = new BulkOperation("gid://shopify/BulkOperation/1", "COMPLETED", null,
            5, 4, 1000L, "https://storage.example.com/result.jsonl", null);
    private static final Instant UPDATED = Instant.parse("2024-05-02T10:00:00Z");

    @TempDir
    Path dir;

    private List<BulkOrder> orders = List.of(order(5001, 7001), order(5002, 7002), order(5003, 7003), order(5004, 7001));

    @Test
    void anOrderSalesforceHasAtTheSameOrANewerVersionIsLeftOutWithItsCustomersRows() throws Exception {
        KnownVersions versions = new KnownVersions();
        versions.put("5002", UPDATED);                  // the same version
        versions.put("5003", UPDATED.plusSeconds(1));   // newer
        versions.put("5004", UPDATED.minusSeconds(1));  // older: written

        HistoryExport.Export done = export(Long.MAX_VALUE).export(COMPLETED, dir, versions);
        done.orders().close();

        assertThat(done.skipped()).isEqualTo(2);
        assertThat(done.files()).extracting(HistoryExport.TableFile::object, HistoryExport.TableFile::rows)
                .containsExactly(tuple("Account", 1L), tuple("Contact", 1L), tuple("Opportunity", 2L));
        String opportunities = Files.readString(done.files().get(2).csv());
        assertThat(opportunities).contains("5001", "5004").doesNotContain("5002", "5003");
        assertThat(Files.readString(done.files().get(1).csv())).contains("7001").doesNotContain("7002", "7003");
    }

    @Test
    void aTableLargerThanOneUploadIsSeveralFilesOfTheSameObjectInOrderEachWithItsHeader() throws Exception {
        HistoryExport.Export whole = export(Long.MAX_VALUE).export(COMPLETED, dir.resolve(dir("whole")), new KnownVersions());
        whole.orders().close();
        Path one = whole.files().get(2).csv();
        long max = Files.size(one) - 1;
        String header = Files.readAllLines(one).get(0);

        HistoryExport.Export split = export(max).export(COMPLETED, dir.resolve(dir("split")), new KnownVersions());
        split.orders().close();

        List<HistoryExport.TableFile> parts = split.files().stream().filter(f -> f.object().equals("Opportunity")).toList();
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.stream().mapToLong(HistoryExport.TableFile::rows).sum()).isEqualTo(4);
        StringBuilder rows = new StringBuilder();
        for (HistoryExport.TableFile part : parts) {
            assertThat(Files.size(part.csv())).isLessThanOrEqualTo(max);
            List<String> lines = Files.readAllLines(part.csv());
            assertThat(lines.get(0)).isEqualTo(header);
            lines.subList(1, lines.size()).forEach(l -> rows.append(l).append('\n'));
        }
        assertThat(header + "\n" + rows).as("the parts, in order, are the whole table").isEqualTo(Files.readString(one));
    }

    @Test
    void withLineItemsOnEachVariantsProductAndPriceIsOneRowEachLineItsOwnAndTheOpportunityIsInThePriceBook() throws Exception {
        orders = List.of(order(5001, 7001, line(1, 101, 2, 2), line(2, 102, 1, 0)), order(5002, 7001, line(3, 101, 1, 1)));

        HistoryExport.Export done = export(Long.MAX_VALUE, lineItemsOn()).export(COMPLETED, dir, new KnownVersions());
        done.orders().close();

        assertThat(done.files()).extracting(HistoryExport.TableFile::name, HistoryExport.TableFile::insert, HistoryExport.TableFile::rows)
                .containsExactly(tuple("Account", false, 1L), tuple("Contact", false, 1L), tuple("Opportunity", false, 2L),
                        tuple("Product2", false, 1L), tuple("PricebookEntry-standard", true, 1L),
                        tuple("OpportunityLineItem", false, 2L));
        assertThat(csv(done.files().get(2).csv())).hasSize(2)
                .allSatisfy(o -> assertThat(o).containsEntry("Pricebook2Id", "01sSTANDARD"));
        assertThat(Files.readString(done.files().get(4).csv())).contains("01sSTANDARD:101").doesNotContain("102");
        assertThat(Files.readString(done.files().get(5).csv())).as("the line taken off is not written")
                .contains("01sSTANDARD:101").doesNotContain("102");
    }

    private static List<java.util.Map<String, String>> csv(Path file) throws Exception {
        try (var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForMapOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<java.util.Map<String, String>>readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    private static BackfillLines lineItemsOn() {
        LineItemSettings settings = TestSettings.lineItems("");
        PriceBooks books = new PriceBooks(settings, TestSettings.camel()) {
            @Override
            public synchronized List<String> read() {
                use(new PriceBooks.Ids("01sSTANDARD", "01sSTANDARD")); // what the org's query would answer
                return List.of();
            }
        };
        LineItemMapping mapping = new LineItemMapping(settings, TestSettings.camel());
        return new BackfillLines(settings, new LineItems(settings, TestSettings.mapping(), mapping, books, TestSettings.orgSchema(),
                TestSettings.salesforce()), mapping, books, TestSettings.mapping(), TestSettings.orgSchema());
    }

    /** A line of the bulk query's JSONL (GraphQL shape, with what line-item sync reads). */
    private static ObjectNode line(long id, long variant, int quantity, int current) {
        ObjectNode l = JSON.createObjectNode().put("id", "gid://shopify/LineItem/" + id).put("sku", "SKU-" + variant)
                .put("title", "Tea").put("name", "Tea - " + variant).put("quantity", quantity).put("currentQuantity", current);
        l.putObject("originalUnitPriceSet").putObject("shopMoney").put("amount", "12.50");
        l.putObject("variant").put("legacyResourceId", Long.toString(variant));
        return l;
    }

    private String dir(String name) throws Exception {
        Files.createDirectories(dir.resolve(name));
        return name;
    }

    private HistoryExport export(long maxUploadBytes) {
        return export(maxUploadBytes, BackfillLines.off());
    }

    private HistoryExport export(long maxUploadBytes, BackfillLines lines) {
        ShopifyHistoryReader reader = new ShopifyHistoryReader(null,
                new BackfillShopifySettings(Duration.ofSeconds(1), false, false, Duration.ofSeconds(1)), JSON) {
            @Override
            public Result readResult(BulkOperation completed, Consumer<BulkOrder> consumer) {
                orders.forEach(consumer);
                return null;
            }
        };
        return new HistoryExport(reader, TestSettings.orderMapping(), TestSettings.mapping(), TestSettings.orgSchema(),
                new ParseOrder(JSON), JSON, maxUploadBytes,
                new BackfillProgress(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), lines);
    }

    /** An order of the bulk query's JSONL (GraphQL shape), as the Shopify bulk result has it. */
    private static BulkOrder order(long id, long customer, ObjectNode... lines) {
        ObjectNode o = JSON.createObjectNode().put("legacyResourceId", Long.toString(id)).put("number", id - 4000)
                .put("name", "#" + (id - 4000)).put("createdAt", "2024-05-01T10:00:00Z").put("updatedAt", UPDATED.toString())
                .put("currencyCode", "EUR").put("displayFinancialStatus", "PAID");
        o.putObject("totalPriceSet").putObject("shopMoney").put("amount", "10.00");
        ObjectNode c = o.putObject("customer").put("legacyResourceId", Long.toString(customer)).put("firstName", "Ada")
                .put("lastName", "Buyer" + customer);
        c.putObject("defaultEmailAddress").put("emailAddress", "buyer" + customer + "@example.com");
        return new BulkOrder(o, List.of(lines));
    }
}

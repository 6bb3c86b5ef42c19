package io.storelink.backfill;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.salesforce.BulkRows;
import io.storelink.backfill.salesforce.CsvTable;
import io.storelink.backfill.run.BackfillProgress;
import io.storelink.backfill.shopify.BulkOperation;
import io.storelink.backfill.shopify.BulkOrder;
import io.storelink.backfill.shopify.ShopifyHistoryReader;
import io.storelink.mapping.MappingSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.reconciliation.WebhookShapedOrder;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first half of a backfill: the store's orders of a date range, read with one Shopify bulk query, into one CSV
 * file per Salesforce object (Accounts, Contacts, Opportunities), by the live writer's mapping (webhook-shaped as
 * reconciliation shapes them, then {@link OrderMapping}). Opportunities stream to their file as orders arrive; a
 * customer's Account and Contact are kept once by external id (a customer has many orders) and written at the end,
 * so memory grows with customers, not orders.
 */
@Component("historyExport")
public class HistoryExport {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryExport.class);

    /** One object's file for its ingest job, in the order the jobs must run. */
    public record TableFile(String object, String externalId, Path csv, long rows) {
    }

    /** The table files in job order, and the orders they came from (for refused rows). */
    public record Export(List<TableFile> files, OrderArchive orders) {
    }

    private final ShopifyHistoryReader reader;
    private final OrderMapping mapping;
    private final MappingSettings settings;
    private final OrgSchema schema;
    private final ParseOrder parser;
    private final ObjectMapper json;
    private final BackfillProgress progress;

    public HistoryExport(ShopifyHistoryReader reader, OrderMapping mapping, MappingSettings settings, OrgSchema schema,
            ParseOrder parser, ObjectMapper json, BackfillProgress progress) {
        this.progress = progress;
        this.reader = reader;
        this.mapping = mapping;
        this.settings = settings;
        this.schema = schema;
        this.parser = parser;
        this.json = json;
    }

    /** The orders of a COMPLETED bulk operation into CSV files in {@code dir}; the files in job order. */
    public Export export(BulkOperation completed, Path dir) throws IOException, InterruptedException {
        OrderArchive archive = new OrderArchive(dir.resolve("orders.jsonl"));
        try {
            return export(completed, dir, archive);
        } catch (IOException | InterruptedException | RuntimeException e) {
            archive.close(); // the run's clean-up never sees it
            throw e;
        }
    }

    private Export export(BulkOperation completed, Path dir, OrderArchive archive) throws IOException, InterruptedException {
        progress.ordersInFile(completed.rootObjectCount());
        BulkRows rows = new BulkRows(settings, mapping, schema);
        List<BulkRows.Table> tables = rows.tables();
        BulkRows.Table orders = tables.get(tables.size() - 1);
        Map<BulkRows.Table, Map<String, Map<String, Object>>> parents = new HashMap<>();
        long[] written = {0};
        Path ordersFile = dir.resolve(orders.object() + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(ordersFile, StandardCharsets.UTF_8);
             CsvTable ordersCsv = new CsvTable(out, orders.columns())) {
            reader.readResult(completed, order -> {
                progress.orderRead(); // a stop requested by the operator ends the run here
                for (BulkRows.Row row : rows.rows(upserts(order, archive))) {
                    if (row.table() == orders) {
                        write(ordersCsv, row.values());
                        written[0]++;
                    } else { // the customer's later orders add to it; where two write a field, the later one wins
                        parents.computeIfAbsent(row.table(), t -> new LinkedHashMap<>())
                                .merge(row.key(), new LinkedHashMap<>(row.values()), (a, b) -> { a.putAll(b); return a; });
                    }
                }
            });
        }
        List<TableFile> files = new ArrayList<>();
        for (BulkRows.Table table : tables) {
            if (table == orders) {
                files.add(new TableFile(table.object(), table.externalId(), ordersFile, written[0]));
                continue;
            }
            Map<String, Map<String, Object>> records = parents.getOrDefault(table, Map.of());
            Path file = dir.resolve(table.object() + ".csv");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CsvTable csv = new CsvTable(out, table.columns())) {
                for (Map<String, Object> values : records.values()) {
                    csv.write(values);
                }
            }
            files.add(new TableFile(table.object(), table.externalId(), file, records.size()));
        }
        LOG.info("Backfill export: {}", files.stream().map(f -> f.rows() + " " + f.object() + "(s)").toList());
        return new Export(files, archive);
    }

    /** A bulk order as its Salesforce records: shaped like a webhook (its lines as the connection's nodes), mapped. */
    private io.storelink.orders.OrderUpserts upserts(BulkOrder order, OrderArchive archive) {
        ObjectNode graphql = order.order().deepCopy();
        graphql.putObject("lineItems").putArray("nodes").addAll(order.lineItems());
        ObjectNode shaped = WebhookShapedOrder.of(graphql, json);
        ShopifyPayload<ShopifyOrder> payload;
        try {
            byte[] bytes = json.writeValueAsBytes(shaped);
            archive.add(shaped.get("id").asText(), bytes);
            payload = parser.read(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mapping.map(payload.value(), payload.json());
    }

    private static void write(CsvTable csv, Map<String, Object> values) {
        try {
            csv.write(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

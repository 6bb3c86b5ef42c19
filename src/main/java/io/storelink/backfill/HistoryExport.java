package io.storelink.backfill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.backfill.salesforce.BulkRows;
import io.storelink.backfill.run.BackfillProgress;
import io.storelink.backfill.salesforce.CsvParts;
import io.storelink.backfill.salesforce.KnownVersions;
import io.storelink.backfill.shopify.BulkOperation;
import io.storelink.backfill.shopify.BulkOrder;
import io.storelink.backfill.shopify.ShopifyHistoryReader;
import io.storelink.mapping.MappingSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.reconciliation.WebhookShapedOrder;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The first half of a backfill: the store's orders of a date range, read with one Shopify bulk query, into one CSV
 * file per Salesforce table (Accounts, Contacts, Opportunities; with line items on, then Product2, the price book
 * entries and OpportunityLineItems: {@link BackfillLines}), by the live writer's mapping (webhook-shaped as
 * reconciliation shapes them, then {@link OrderMapping}). Opportunities and lines stream to their files as orders
 * arrive; a customer's Account and Contact, a variant's product and price are kept once by key (a customer has many
 * orders, a variant many lines) and written at the end, so memory grows with customers and variants, not orders. An
 * order Salesforce already has at the same or a newer Shopify version (the live path wrote it; {@link KnownVersions})
 * is left out whole, all its rows alike: never older over newer. A table larger than one upload is written in parts
 * ({@link CsvParts}), each its own job.
 */
@Component("historyExport")
public class HistoryExport {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryExport.class);

    /**
     * One table's file for its ingest job, in the order the jobs must run: the table's name (its parts in the
     * checkpoint), its object and external id, and whether the job inserts rather than upserts.
     */
    public record TableFile(String name, String object, String externalId, boolean insert, Path csv, long rows) {

        public TableFile(String object, String externalId, Path csv, long rows) {
            this(object, object, externalId, false, csv, rows);
        }
    }

    /**
     * The table files in job order, the orders they came from (for refused rows), and the orders left out because
     * Salesforce already has them at the same or a newer version.
     */
    public record Export(List<TableFile> files, OrderArchive orders, long skipped) {
    }

    private final ShopifyHistoryReader reader;
    private final OrderMapping mapping;
    private final MappingSettings settings;
    private final OrgSchema schema;
    private final ParseOrder parser;
    private final ObjectMapper json;
    private final long maxUploadBytes;
    private final BackfillProgress progress;
    private final BackfillLines lines;

    public HistoryExport(ShopifyHistoryReader reader, OrderMapping mapping, MappingSettings settings, OrgSchema schema,
            ParseOrder parser, ObjectMapper json,
            @Value("${storelink.backfill.salesforce.max-upload-bytes}") long maxUploadBytes, BackfillProgress progress,
            BackfillLines lines) {
        this.progress = progress;
        this.lines = lines;
        this.reader = reader;
        this.mapping = mapping;
        this.settings = settings;
        this.schema = schema;
        this.parser = parser;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * The orders of a COMPLETED bulk operation into CSV files in {@code dir}, but those Salesforce has at the same or a
     * newer version ({@code versions}); the files in job order, a table larger than an upload in several.
     */
    public Export export(BulkOperation completed, Path dir, KnownVersions versions) throws Exception {
        java.util.Objects.requireNonNull(versions, "the versions Salesforce has are read first (route backfill-versions)");
        OrderArchive archive = new OrderArchive(dir.resolve("orders.jsonl"));
        try {
            return export(completed, dir, archive, versions);
        } catch (Exception e) {
            archive.close(); // the run's clean-up never sees it
            throw e;
        }
    }

    private Export export(BulkOperation completed, Path dir, OrderArchive archive, KnownVersions versions)
            throws Exception {
        progress.ordersInFile(completed.rootObjectCount());
        BackfillLines.Run lineRun = lines.run();
        BulkRows rows = new BulkRows(settings, mapping, schema, lineRun.opportunityFields());
        List<BulkRows.Table> tables = new ArrayList<>(rows.tables());
        BulkRows.Table orders = tables.get(tables.size() - 1);
        tables.addAll(lineRun.tables());
        Map<BulkRows.Table, CsvParts> streamed = new LinkedHashMap<>(); // one row per order or line: to the file at once
        Map<BulkRows.Table, Map<String, Map<String, Object>>> kept = new HashMap<>(); // once per key for the run
        long[] skipped = {0};
        try {
            for (BulkRows.Table t : java.util.stream.Stream.of(orders, lineRun.streamed()).filter(java.util.Objects::nonNull).toList()) {
                streamed.put(t, new CsvParts(dir, t.name(), t.columns(), maxUploadBytes));
            }
            reader.readResult(completed, order -> {
                progress.orderRead(); // a stop requested by the operator ends the run here
                List<BulkRows.Row> orderRows = rows(order, archive, versions, rows, lineRun);
                if (orderRows == null) { // Salesforce has this or a newer version: none of the order's rows
                    skipped[0]++;
                    progress.orderSkipped();
                    return;
                }
                for (BulkRows.Row row : orderRows) {
                    CsvParts csv = streamed.get(row.table());
                    if (csv != null) {
                        write(csv, row.values());
                    } else { // a customer's later orders add to it; where two write a field, the later one wins
                        kept.computeIfAbsent(row.table(), t -> new LinkedHashMap<>())
                                .merge(row.key(), new LinkedHashMap<>(row.values()), (a, b) -> { a.putAll(b); return a; });
                    }
                }
            });
        } finally {
            for (CsvParts csv : streamed.values()) {
                csv.close();
            }
        }
        List<TableFile> files = new ArrayList<>();
        for (BulkRows.Table table : tables) {
            CsvParts csv = streamed.containsKey(table) ? streamed.get(table) : kept(dir, table, kept.getOrDefault(table, Map.of()));
            for (CsvParts.Part part : csv.parts()) { // each part its own job, in order
                files.add(new TableFile(table.name(), table.object(), table.externalId(), table.insert(), part.csv(), part.rows()));
            }
        }
        LOG.info("Backfill export: {}; {} order(s) left out, Salesforce has them at the same or a newer version",
                files.stream().map(f -> f.rows() + " " + f.name() + "(s)").toList(), skipped[0]);
        return new Export(files, archive, skipped[0]);
    }

    /** A table kept by key (a customer's Account or Contact, a variant's Product2 or price, once) into its files. */
    private CsvParts kept(Path dir, BulkRows.Table table, Map<String, Map<String, Object>> records) throws IOException {
        try (CsvParts csv = new CsvParts(dir, table.name(), table.columns(), maxUploadBytes)) {
            for (Map<String, Object> values : records.values()) {
                csv.write(values);
            }
            return csv;
        }
    }

    /**
     * A bulk order as its Salesforce rows: shaped like a webhook (its lines as the connection's nodes), mapped (with
     * line items on, its lines too); null when Salesforce has it at the same or a newer version (then it is not
     * archived either: it is not sent).
     */
    private List<BulkRows.Row> rows(BulkOrder order, OrderArchive archive, KnownVersions versions, BulkRows rows,
            BackfillLines.Run lineRun) {
        ObjectNode graphql = order.order().deepCopy();
        graphql.putObject("lineItems").putArray("nodes").addAll(order.lineItems());
        ObjectNode shaped = WebhookShapedOrder.of(graphql, json);
        try {
            byte[] bytes = json.writeValueAsBytes(shaped);
            ShopifyPayload<ShopifyOrder> payload = parser.read(bytes);
            OrderUpserts upserts = mapping.map(payload.value(), payload.json());
            OffsetDateTime updatedAt = payload.value().updatedAt();
            if (!versions.writes(upserts.opportunity().externalId(), updatedAt == null ? null : updatedAt.toInstant())) {
                return null;
            }
            archive.add(shaped.get("id").asText(), bytes);
            List<BulkRows.Row> out = new ArrayList<>(rows.rows(lineRun.opportunity(payload.value(), upserts)));
            out.addAll(lineRun.rows(payload.value(), payload.json()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(CsvParts csv, Map<String, Object> values) {
        try {
            csv.write(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

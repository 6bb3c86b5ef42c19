package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.SObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bulk API 2.0 ingest job: its uploaded CSV and, once processed, its per-row results. Each row goes through
 * {@link RecordWriter}, the same validation the REST writes use, so a row Salesforce would refuse is a failed row with
 * that error. Callers hold the store lock while it {@link #process}es.
 */
final class IngestJob {

    static final List<String> OPERATIONS = List.of("insert", "update", "upsert", "delete", "hardDelete");
    /** Bulk API 2.0 splits a job into internal batches of up to 10,000 records (each one counts in DailyBulkApiBatches). */
    static final int RECORDS_PER_BATCH = 10_000;

    final String id;
    final SObjectType type;
    final String operation;
    final String externalIdFieldName;
    final String lineEnding;
    final String columnDelimiter;
    final String apiVersion;
    final String createdDate = Values.now();
    String state = "Open";
    String errorMessage;
    int polls;
    private List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> successful = new ArrayList<>();
    private final List<List<String>> failed = new ArrayList<>();
    private final List<List<String>> unprocessed = new ArrayList<>();

    IngestJob(String id, SObjectType type, String operation, String externalIdFieldName, String lineEnding,
              String columnDelimiter, String apiVersion) {
        this.id = id;
        this.type = type;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
        this.lineEnding = lineEnding;
        this.columnDelimiter = columnDelimiter;
        this.apiVersion = apiVersion;
    }

    /** PUT .../batches: the job's one upload, header row first. */
    void upload(byte[] csv) {
        List<List<String>> in = BulkCsv.read(csv, columnDelimiter);
        if (in.isEmpty()) return;
        header = in.get(0);
        rows.addAll(in.subList(1, in.size()));
    }

    boolean uploaded() {
        return header != null;
    }

    int records() {
        return rows.size();
    }

    /** Internal batches the job consumed (at least one once uploaded). */
    int batches() {
        return rows.isEmpty() ? 0 : (rows.size() + RECORDS_PER_BATCH - 1) / RECORDS_PER_BATCH;
    }

    void abort() {
        state = "Aborted";
        unprocessed.addAll(rows);
    }

    /**
     * Runs every row and returns the job's final state, which the caller sets once processing is over (it may run on
     * another thread); a header Salesforce cannot map fails the whole job (all rows unprocessed).
     */
    String process(RecordWriter writer) {
        String problem = checkHeader();
        if (problem != null) {
            errorMessage = problem;
            unprocessed.addAll(rows);
            return "Failed";
        }
        for (List<String> row : rows) {
            try {
                RecordWriter.Saved saved = write(writer, row);
                List<String> out = new ArrayList<>(List.of(Boolean.toString(saved.created()), saved.id()));
                out.addAll(row);
                successful.add(out);
            } catch (SfError e) {
                List<String> out = new ArrayList<>(List.of(error(e), idOf(row)));
                out.addAll(row);
                failed.add(out);
            }
        }
        return "JobComplete";
    }

    long processed() {
        return successful.size() + failed.size();
    }

    long failedCount() {
        return failed.size();
    }

    String successfulCsv() {
        return results(List.of("sf__Created", "sf__Id"), successful);
    }

    String failedCsv() {
        return results(List.of("sf__Error", "sf__Id"), failed);
    }

    String unprocessedCsv() {
        return results(List.of(), unprocessed);
    }

    private String results(List<String> leading, List<List<String>> data) {
        List<String> h = new ArrayList<>(leading);
        if (header != null) h.addAll(header);
        return BulkCsv.write(h, data, columnDelimiter, lineEnding);
    }

    /**
     * "CODE:message" as the sf__Error column carries it; Salesforce appends the fields and " --" (commonly seen as
     * "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"); the suffix is UNCONFIRMED
     * against the documentation, which only says "Error code and message".
     */
    private static String error(SfError e) {
        String fields = e.fields == null ? "" : String.join(",", e.fields);
        return e.errorCode + ":" + e.getMessage() + ":" + fields + " --";
    }

    private String idOf(List<String> row) {
        int i = indexOf("Id");
        return i >= 0 && i < row.size() ? row.get(i) : "";
    }

    private int indexOf(String column) {
        for (int i = 0; i < header.size(); i++) if (header.get(i).equalsIgnoreCase(column)) return i;
        return -1;
    }

    /** UNCONFIRMED wording; Salesforce fails the job with an "InvalidBatch : ..." message for an unmappable header. */
    private String checkHeader() {
        if (header == null) return "InvalidBatch : No content found in the uploaded data";
        for (String column : header) {
            int dot = column.indexOf('.');
            boolean known = dot < 0 ? type.field(column).isPresent()
                    : type.relationship(column.substring(0, dot)).isPresent();
            if (!known) return "InvalidBatch : Field name not found : " + column;
        }
        if (operation.equals("upsert") && indexOf(externalIdFieldName) < 0) {
            return "InvalidBatch : Field name not found : " + externalIdFieldName;
        }
        if ((operation.equals("update") || operation.contains("elete")) && indexOf("Id") < 0) {
            return "InvalidBatch : Field name not found : Id";
        }
        return null;
    }

    /** The row as a REST body: "Rel.ExtId__c" columns become {"Rel": {"ExtId__c": value}} (resolved by external id). */
    private RecordWriter.Saved write(RecordWriter writer, List<String> row) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < row.size(); i++) {
            String column = header.get(i);
            String value = row.get(i);
            if (value.isEmpty()) continue; // an empty cell leaves the field as it is; "#N/A" clears it
            Object v = value.equals("#N/A") ? null : value;
            int dot = column.indexOf('.');
            if (dot < 0) {
                body.put(column, v);
            } else {
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put(column.substring(dot + 1), v);
                body.put(column.substring(0, dot), ref);
            }
        }
        return switch (operation) {
            case "insert" -> writer.create(type, body);
            case "update" -> {
                String id = requireId((String) body.remove(idKey(body)));
                writer.update(type, id, body);
                yield new RecordWriter.Saved(writer.existingId(type, id), false);
            }
            case "upsert" -> {
                String column = body.keySet().stream().filter(k -> k.equalsIgnoreCase(externalIdFieldName)).findFirst().orElse(externalIdFieldName);
                Object value = body.remove(column);
                yield writer.upsert(type, externalIdFieldName, value == null ? "" : value.toString(), body, apiVersion);
            }
            default -> { // delete, hardDelete
                String id = requireId((String) body.get(idKey(body)));
                writer.delete(type, id);
                yield new RecordWriter.Saved(SalesforceIds.normalize(id).orElse(id), false);
            }
        };
    }

    /** An update or delete row without an Id (UNCONFIRMED wording, as the SOAP API words it). */
    private static String requireId(String id) {
        if (id == null) throw SfError.badRequest("MISSING_ARGUMENT", "Id not specified in an update call");
        return id;
    }

    private static String idKey(Map<String, Object> body) {
        return body.keySet().stream().filter(k -> k.equalsIgnoreCase("Id")).findFirst().orElse("Id");
    }
}

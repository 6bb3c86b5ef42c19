package io.storelink.fakes.salesforce;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Bulk API 2.0 query job: the SOQL runs through the fake's {@link QueryEngine} when the job is created (so a bad
 * query is refused then, with the REST query's error) and its rows are kept as CSV cells, columns named as the SELECT
 * wrote them ("Account.Name" for a parent field). A datetime field of the queried object comes out as Bulk API query
 * results show it, in UTC with a Z ({@code 2026-01-02T03:04:05.000Z}), not in the REST API's {@code +0000} form.
 */
final class QueryJob {

    /** UNCONFIRMED in the guide, as Bulk API query results are commonly seen: milliseconds, UTC, Z. */
    private static final DateTimeFormatter CSV_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    final String id;
    final String operation;
    final String object;
    final String apiVersion;
    final String columnDelimiter;
    final String lineEnding;
    final String createdDate = Values.now();
    final List<String> header;
    final List<List<String>> rows;
    String state = "UploadComplete";
    int polls;

    private QueryJob(String id, String operation, String object, String apiVersion, String columnDelimiter, String lineEnding,
                     List<String> header, List<List<String>> rows) {
        this.id = id;
        this.operation = operation;
        this.object = object;
        this.apiVersion = apiVersion;
        this.columnDelimiter = columnDelimiter;
        this.lineEnding = lineEnding;
        this.header = header;
        this.rows = rows;
    }

    @SuppressWarnings("unchecked")
    static QueryJob run(String id, String operation, String soql, String version, SalesforceStore store,
                        String columnDelimiter, String lineEnding) {
        Soql.Query q = Soql.parse(soql);
        if (q.count() != null || q.offset() != null) {
            // the guide: aggregates and OFFSET are not supported in Bulk API 2.0 queries (UNCONFIRMED wording)
            throw SfError.noFields(400, "API_ERROR", "Aggregate Relationships and OFFSET are not supported with Bulk API 2.0 queries");
        }
        Map<String, Object> result = new QueryEngine(store).query(soql, version, Integer.MAX_VALUE);
        Optional<Schema.SObjectType> type = store.schema.object(q.object());
        List<List<String>> rows = new ArrayList<>();
        for (Object r : (List<Object>) result.get("records")) {
            List<String> row = new ArrayList<>();
            for (String column : q.fields()) row.add(cell(valueAt((Map<String, Object>) r, column), isDateTime(type, column)));
            rows.add(row);
        }
        String object = type.map(Schema.SObjectType::name).orElse(q.object());
        return new QueryJob(id, operation, object, version, columnDelimiter, lineEnding, List.copyOf(q.fields()), rows);
    }

    /** "Account.Name" in a projected record: {"Account": {"Name": ...}}; names case-insensitively, as SOQL does. */
    @SuppressWarnings("unchecked")
    private static Object valueAt(Map<String, Object> record, String path) {
        Object current = record;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) return null;
            Object next = null;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getKey().equalsIgnoreCase(part)) next = e.getValue();
            }
            current = next;
        }
        return current;
    }

    private static boolean isDateTime(Optional<Schema.SObjectType> type, String column) {
        return type.flatMap(t -> t.field(column)).filter(f -> f.type() == FieldType.DATETIME).isPresent();
    }

    private static String cell(Object v, boolean dateTime) {
        if (v == null) return "";
        if (dateTime && Values.isDateTime(v.toString())) {
            return CSV_DATETIME.format(OffsetDateTime.parse(Values.normalizeDateTime(v.toString()), Values.SF_DATETIME));
        }
        if (v instanceof BigDecimal d) return d.toPlainString();
        return v.toString();
    }
}

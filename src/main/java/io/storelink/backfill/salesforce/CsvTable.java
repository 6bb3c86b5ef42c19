package io.storelink.backfill.salesforce;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Rows of one object as Bulk API 2.0 takes them: a header row, comma-separated, LF line endings (the job's defaults),
 * RFC 4180 quoting by Jackson's CSV module. A column a row has no value for is an empty cell: Bulk API 2.0 leaves
 * such a field as it is on upsert (only {@code #N/A} blanks it), the live writer's rule that a missing value never
 * blanks what is in Salesforce. Numbers are written plain (BigDecimal, never a double's exponent).
 */
public final class CsvTable implements AutoCloseable {

    /** Quotes only what needs it (Jackson's fast check would also quote plain names such as External_Id__c). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final List<String> columns;
    private final ObjectWriter lines;
    private final Writer out;

    public CsvTable(Writer out, List<String> columns) throws IOException {
        this(columns, out);
        out.write(header());
    }

    /** Only renders lines ({@link #header}, {@link #line}): whoever holds the output writes them (CsvParts). */
    public CsvTable(List<String> columns) {
        this(columns, null);
    }

    private CsvTable(List<String> columns, Writer out) {
        this.columns = List.copyOf(columns);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\n");
        this.columns.forEach(schema::addColumn);
        this.lines = CSV.writer(schema.build());
        this.out = out;
    }

    public List<String> columns() {
        return columns;
    }

    /** The header row, LF-ended. */
    public String header() throws IOException {
        return lines.writeValueAsString(columns.toArray(String[]::new));
    }

    /** One row: values by column; columns it does not have stay empty, keys that are not columns are an error. */
    public void write(Map<String, Object> row) throws IOException {
        out.write(line(row));
    }

    /** A row as its CSV line, LF-ended (a quoted value may hold line breaks). */
    public String line(Map<String, Object> row) throws IOException {
        String[] cells = new String[columns.size()];
        java.util.Arrays.fill(cells, ""); // an empty cell, never null: Jackson leaves a null out of an array row
        for (Map.Entry<String, Object> e : row.entrySet()) {
            int at = columns.indexOf(e.getKey());
            if (at < 0) {
                throw new IllegalArgumentException("no column " + e.getKey() + " in " + columns);
            }
            cells[at] = cell(e.getValue());
        }
        return lines.writeValueAsString(cells);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}

package io.storelink.backfill.salesforce;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SequenceWriter;
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
    private final SequenceWriter rows;

    public CsvTable(Writer out, List<String> columns) throws IOException {
        this.columns = List.copyOf(columns);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        this.columns.forEach(schema::addColumn);
        this.rows = CSV.writer(schema.build()).writeValues(out);
    }

    public List<String> columns() {
        return columns;
    }

    /** One row: values by column; columns it does not have stay empty, keys that are not columns are an error. */
    public void write(Map<String, Object> row) throws IOException {
        String[] cells = new String[columns.size()];
        java.util.Arrays.fill(cells, ""); // an empty cell, never null: Jackson leaves a null out of an array row
        for (Map.Entry<String, Object> e : row.entrySet()) {
            int at = columns.indexOf(e.getKey());
            if (at < 0) {
                throw new IllegalArgumentException("no column " + e.getKey() + " in " + columns);
            }
            cells[at] = cell(e.getValue());
        }
        rows.write(cells);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}

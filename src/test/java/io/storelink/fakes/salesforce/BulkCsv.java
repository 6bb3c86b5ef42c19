package io.storelink.fakes.salesforce;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0 CSV: a header row, then records; the job's {@code columnDelimiter} and {@code lineEnding}
 * (Bulk API 2.0 guide, "Create a Job"). Jackson's CSV module does the quoting rules.
 */
final class BulkCsv {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING); // quotes only where CSV needs them
    static final Map<String, Character> DELIMITERS = Map.of("COMMA", ',', "BACKQUOTE", '`', "CARET", '^',
            "PIPE", '|', "SEMICOLON", ';', "TAB", '\t');

    private BulkCsv() {
    }

    /** Rows as string lists; the first is the header. */
    static List<List<String>> read(byte[] body, String columnDelimiter) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(DELIMITERS.get(columnDelimiter));
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).with(schema)
                .readValues(new String(body, StandardCharsets.UTF_8))) {
            while (it.hasNext()) {
                List<String> row = it.next();
                if (row.size() == 1 && row.get(0).isEmpty()) continue; // trailing blank line
                rows.add(row);
            }
        } catch (IOException e) {
            throw SfError.noFields(400, "INVALIDJOB", "Unable to parse CSV: " + e.getMessage()); // UNCONFIRMED wording
        }
        return rows;
    }

    static String write(List<String> header, List<List<String>> rows, String columnDelimiter, String lineEnding) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(DELIMITERS.get(columnDelimiter))
                .withLineSeparator("CRLF".equals(lineEnding) ? "\r\n" : "\n").withoutQuoteChar().withQuoteChar('"');
        StringWriter out = new StringWriter();
        try (var w = CSV.writer(schema).writeValues(out)) {
            w.write(header);
            for (List<String> r : rows) w.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

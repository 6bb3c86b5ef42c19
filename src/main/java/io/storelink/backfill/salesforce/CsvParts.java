package io.storelink.backfill.salesforce;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One object's rows as CSV files of at most {@code maxBytes} each, every one with the header row: Salesforce takes at
 * most 100 MB of CSV per upload (150 MB base64, Bulk API 2.0 "Upload Job Data"), and a job takes one upload, so a
 * larger table becomes several jobs of the same object. Rows are never split; the parts are in row order. Sizes
 * are counted in the UTF-8 bytes written, before a row is written, so no part goes over.
 */
public final class CsvParts implements AutoCloseable {

    /** A file of the table and its rows (the first part of an empty table has none). */
    public record Part(Path csv, long rows) {
    }

    private final Path dir;
    private final String name;
    private final CsvTable table;
    private final byte[] header;
    private final long maxBytes;
    private final List<Part> parts = new ArrayList<>();
    private OutputStream out;
    private Path file;
    private long bytes;
    private long rows;

    /** Files {@code <name>.csv}, {@code <name>-2.csv}, ... in {@code dir}; the first is there even without rows. */
    public CsvParts(Path dir, String name, List<String> columns, long maxBytes) throws IOException {
        this.dir = dir;
        this.name = name;
        this.table = new CsvTable(columns);
        this.header = table.header().getBytes(StandardCharsets.UTF_8);
        this.maxBytes = maxBytes;
        open();
    }

    public void write(Map<String, Object> row) throws IOException {
        byte[] line = table.line(row).getBytes(StandardCharsets.UTF_8);
        if (header.length + line.length > maxBytes) {
            throw new IllegalArgumentException("a " + name + " row of " + line.length + " bytes does not fit in an upload of "
                    + maxBytes + " bytes with its header (storelink.backfill.salesforce.max-upload-bytes)");
        }
        if (bytes + line.length > maxBytes) {
            finish();
            open();
        }
        out.write(line);
        bytes += line.length;
        rows++;
    }

    /** The parts in order, once closed. */
    public List<Part> parts() {
        return List.copyOf(parts);
    }

    private void open() throws IOException {
        file = dir.resolve(parts.isEmpty() ? name + ".csv" : name + "-" + (parts.size() + 1) + ".csv");
        out = new BufferedOutputStream(Files.newOutputStream(file));
        out.write(header);
        bytes = header.length;
        rows = 0;
    }

    private void finish() throws IOException {
        out.close();
        out = null;
        parts.add(new Part(file, rows));
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            finish();
        }
    }
}

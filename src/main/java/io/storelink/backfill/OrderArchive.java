package io.storelink.backfill;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The backfill's orders as the live path would have received them (webhook-shaped JSON), one per line in a file of
 * the run's working directory, with the offset of each by order id: a row Salesforce refuses goes to the dead-letter
 * topic as its order, replayable through the orders writer, without holding the orders in memory (an index of 100,000
 * orders is a few MB).
 */
public final class OrderArchive implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private final Map<String, Long> offsets = new HashMap<>();
    private long position;

    OrderArchive(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
    }

    void add(String orderId, byte[] json) throws IOException {
        offsets.put(orderId, position);
        out.write(json);
        out.write('\n');
        position += json.length + 1;
    }

    /** The order's JSON, or null when the run had no such order. */
    public byte[] read(String orderId) throws IOException {
        Long at = offsets.get(orderId);
        if (at == null) {
            return null;
        }
        out.flush();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(at);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

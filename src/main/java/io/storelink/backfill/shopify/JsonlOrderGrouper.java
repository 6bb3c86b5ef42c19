package io.storelink.backfill.shopify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Regroups a bulk result file into orders with their line items, in two passes over the file on disk, holding only
 * positions in memory, never the file's contents.
 * <p>
 * Shopify puts a nested connection's nodes on lines of their own, after their parent, with {@code __parentId}; with
 * {@code groupObjects:false} (the default from 2026-01) they need not be next to it, so an order is only known to be
 * whole at the end of the file. Pass one reads each line's {@code id} and {@code __parentId} (Jackson's streaming
 * parser, the rest of the line skipped) and notes where every order and every child line is; pass two reads each order
 * and its children by position and hands them on. Memory grows with the number of lines (an offset, a length and, for
 * orders, the gid while pass one runs), not with their size. Jackson and Camel offer no JSONL reader that regroups by a
 * parent key, which is why this is written here.
 */
public class JsonlOrderGrouper {

    /** What one file held: orders handed on, their line items, lines whose parent was not an order of the file. */
    public record Counts(long orders, long lineItems, long orphans) {}

    private final ObjectMapper json;

    public JsonlOrderGrouper(ObjectMapper json) {
        this.json = json;
    }

    public Counts read(Path file, Consumer<BulkOrder> consumer) throws IOException {
        Index index = index(file);
        long lines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int o = 0; o < index.orders; o++) {
                JsonNode order = json.readTree(bytes(channel, index.orderOffset[o], index.orderLength[o]));
                List<JsonNode> children = new ArrayList<>(index.childStart[o + 1] - index.childStart[o]);
                for (int c = index.childStart[o]; c < index.childStart[o + 1]; c++) {
                    children.add(json.readTree(bytes(channel, index.childOffset[c], index.childLength[c])));
                }
                lines += children.size();
                consumer.accept(new BulkOrder(order, children));
            }
        }
        return new Counts(index.orders, lines, index.orphans);
    }

    /** Positions of the orders and, per order, of its children (grouped by a counting sort on the parent). */
    private static final class Index {
        int orders;
        long[] orderOffset = new long[1024];
        int[] orderLength = new int[1024];
        int children;
        long[] childOffset = new long[1024];
        int[] childLength = new int[1024];
        int[] childParent = new int[1024];
        int[] childStart;
        long orphans;
    }

    private Index index(Path file) throws IOException {
        Index ix = new Index();
        Map<String, Integer> orderByGid = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            byte[] chunk = new byte[1 << 16];
            long start = 0; // offset of the line being collected
            long read = 0;
            for (int n; (n = in.read(chunk)) != -1; read += n) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') continue;
                    line.write(chunk, from, i - from);
                    note(ix, orderByGid, line.toByteArray(), start);
                    line.reset();
                    from = i + 1;
                    start = read + from;
                }
                line.write(chunk, from, n - from);
            }
            if (line.size() > 0) {
                note(ix, orderByGid, line.toByteArray(), start);
            }
        }
        // counting sort of the children by parent: childStart[o] .. childStart[o + 1] are order o's, in file order
        int[] start = new int[ix.orders + 1];
        for (int c = 0; c < ix.children; c++) start[ix.childParent[c] + 1]++;
        for (int o = 0; o < ix.orders; o++) start[o + 1] += start[o];
        int[] next = Arrays.copyOf(start, ix.orders);
        long[] offsets = new long[ix.children];
        int[] lengths = new int[ix.children];
        for (int c = 0; c < ix.children; c++) {
            int at = next[ix.childParent[c]]++;
            offsets[at] = ix.childOffset[c];
            lengths[at] = ix.childLength[c];
        }
        ix.childStart = start;
        ix.childOffset = offsets;
        ix.childLength = lengths;
        ix.childParent = null;
        return ix;
    }

    private void note(Index ix, Map<String, Integer> orderByGid, byte[] line, long offset) throws IOException {
        if (line.length == 0) return;
        String[] ids = ids(line);
        if (ids[1] == null) { // a root object: an order
            if (ix.orders == ix.orderOffset.length) {
                ix.orderOffset = Arrays.copyOf(ix.orderOffset, ix.orders * 2);
                ix.orderLength = Arrays.copyOf(ix.orderLength, ix.orders * 2);
            }
            ix.orderOffset[ix.orders] = offset;
            ix.orderLength[ix.orders] = line.length;
            orderByGid.put(ids[0], ix.orders++);
            return;
        }
        Integer parent = orderByGid.get(ids[1]);
        if (parent == null) { // children come after their parents: an unknown parent is not an order of this file
            ix.orphans++;
            return;
        }
        if (ix.children == ix.childOffset.length) {
            ix.childOffset = Arrays.copyOf(ix.childOffset, ix.children * 2);
            ix.childLength = Arrays.copyOf(ix.childLength, ix.children * 2);
            ix.childParent = Arrays.copyOf(ix.childParent, ix.children * 2);
        }
        ix.childOffset[ix.children] = offset;
        ix.childLength[ix.children] = line.length;
        ix.childParent[ix.children++] = parent;
    }

    /** The line's top-level {@code id} and {@code __parentId}, other members skipped unparsed. */
    private String[] ids(byte[] line) throws IOException {
        String[] out = new String[2];
        try (JsonParser p = json.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object: a bulk result line");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("id")) out[0] = p.getText();
                else if (name.equals("__parentId")) out[1] = p.getText();
                else p.skipChildren();
            }
        }
        return out;
    }

    private static byte[] bytes(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) throw new IOException("bulk result file ended early");
        }
        return buffer.array();
    }
}

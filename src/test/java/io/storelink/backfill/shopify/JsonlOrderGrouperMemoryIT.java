package io.storelink.backfill.shopify;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store-sized result (100,000 orders of 30,000 customers, 1 to 4 lines each, in Shopify's groupObjects:false layout:
 * a page of orders, then their lines) is regrouped without the heap growing with the file: what stays live is
 * positions, not lines. Prints the numbers for BENCHMARKS.md.
 */
class JsonlOrderGrouperMemoryIT {

    private static final int ORDERS = 100_000;
    private static final int CUSTOMERS = 30_000;
    private static final int PAGE = 1000;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandOrdersWithoutHoldingTheFile() throws IOException {
        Path file = dir.resolve("orders.jsonl");
        long lines = write(file);
        long fileBytes = Files.size(file);

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = usedAfterGc(heap);
        AtomicLong maxLive = new AtomicLong(before);
        AtomicLong orders = new AtomicLong();
        AtomicLong items = new AtomicLong();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();

        JsonlOrderGrouper.Counts counts = new JsonlOrderGrouper(new ObjectMapper()).read(file, o -> {
            String id = o.order().get("id").asText();
            o.lineItems().forEach(l -> assertThat(l.get("__parentId").asText()).isEqualTo(id));
            items.addAndGet(o.lineItems().size());
            if (orders.incrementAndGet() % 20_000 == 0) {
                System.gc(); // what is live while the orders are handed on, not what is garbage
                maxLive.accumulateAndGet(usedAfterGc(heap), Math::max);
            }
        });

        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long growth = maxLive.get() - before;
        System.out.printf("[backfill] regrouped %d orders, %d lines (%d JSONL lines, %.1f MB) in %d ms; heap live before %.1f MB, "
                        + "max live while reading %.1f MB (growth %.1f MB), peak used incl. garbage %.1f MB%n",
                counts.orders(), counts.lineItems(), lines, fileBytes / 1e6, millis, before / 1e6, maxLive.get() / 1e6,
                growth / 1e6, peak / 1e6);

        assertThat(counts.orders()).isEqualTo(ORDERS);
        assertThat(counts.lineItems()).isEqualTo(lines - ORDERS).isEqualTo(items.get());
        assertThat(counts.orphans()).isZero();
        assertThat(growth).as("live heap growth while reading a %.0f MB file", fileBytes / 1e6).isLessThan(fileBytes / 4);
    }

    private static long usedAfterGc(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? p.getUsage().getUsed() : p.getCollectionUsage().getUsed()).sum();
    }

    /** Writes the file as Shopify lays it out with groupObjects:false; returns its number of lines. */
    private static long write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        long lines = 0;
        Instant created = Instant.parse("2023-01-01T00:00:00Z");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int first = 0; first < ORDERS; first += PAGE) {
                for (int o = first; o < first + PAGE; o++) {
                    writeOrder(g, o, created.plusSeconds(o * 300L));
                    g.flush();
                    out.write('\n');
                    lines++;
                }
                for (int o = first; o < first + PAGE; o++) {
                    for (int l = 0; l < 1 + o % 4; l++) {
                        g.writeStartObject();
                        g.writeStringField("id", "gid://shopify/LineItem/" + (o * 10L + l));
                        g.writeStringField("sku", "SKU-" + (o * 7 + l) % 500);
                        g.writeStringField("title", "Product " + (o * 7 + l) % 500);
                        g.writeNumberField("quantity", 1 + l);
                        g.writeObjectFieldStart("originalUnitPriceSet");
                        g.writeObjectFieldStart("shopMoney");
                        g.writeStringField("amount", "19.90");
                        g.writeEndObject();
                        g.writeEndObject();
                        g.writeStringField("__parentId", "gid://shopify/Order/" + (5_000_000_000L + o));
                        g.writeEndObject();
                        g.flush();
                        out.write('\n');
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static void writeOrder(JsonGenerator g, int o, Instant created) throws IOException {
        long customer = 7_000_000_000L + o % CUSTOMERS;
        g.writeStartObject();
        g.writeStringField("id", "gid://shopify/Order/" + (5_000_000_000L + o));
        g.writeStringField("legacyResourceId", Long.toString(5_000_000_000L + o));
        g.writeStringField("name", "#" + (1001 + o));
        g.writeStringField("email", "customer" + customer + "@example.com");
        g.writeStringField("createdAt", created.toString());
        g.writeStringField("updatedAt", created.plusSeconds(60).toString());
        g.writeStringField("currencyCode", "EUR");
        g.writeStringField("displayFinancialStatus", "PAID");
        g.writeObjectFieldStart("totalPriceSet");
        g.writeObjectFieldStart("shopMoney");
        g.writeStringField("amount", "59.70");
        g.writeStringField("currencyCode", "EUR");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("customer");
        g.writeStringField("id", "gid://shopify/Customer/" + customer);
        g.writeStringField("legacyResourceId", Long.toString(customer));
        g.writeStringField("firstName", "First" + customer % 1000);
        g.writeStringField("lastName", "Last" + customer % 977);
        g.writeObjectFieldStart("defaultAddress");
        g.writeStringField("address1", customer % 300 + " Main Street");
        g.writeStringField("city", "Berlin");
        g.writeStringField("zip", "10115");
        g.writeStringField("country", "Germany");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("shippingAddress");
        g.writeStringField("address1", customer % 300 + " Main Street");
        g.writeStringField("city", "Berlin");
        g.writeStringField("country", "Germany");
        g.writeEndObject();
        g.writeEndObject();
    }
}

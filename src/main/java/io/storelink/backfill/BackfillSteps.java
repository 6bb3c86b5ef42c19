package io.storelink.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.storelink.backfill.salesforce.IngestJobs;
import io.storelink.backfill.salesforce.KnownVersions;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The backfill route's steps around its two halves (routes/backfill.camel.yaml): the export into a working directory
 * of its own, each table file handed to its ingest job, the directory removed at the end, whatever happened.
 */
@Component("backfillSteps")
public class BackfillSteps {

    /** Headers of a backfill request: orders created from (inclusive) and until (exclusive; none = now). */
    public static final String SINCE = "backfillSince";
    public static final String UNTIL = "backfillUntil";
    /** Exchange properties: the working directory and the table files in job order. */
    public static final String DIR = "backfillDir";
    public static final String FILES = "backfillFiles";
    /** Exchange property: the run's orders (OrderArchive), for the rows Salesforce refuses. */
    public static final String ORDERS = "backfillOrders";

    private final HistoryExport export;

    public BackfillSteps(HistoryExport export) {
        this.export = export;
    }

    public void export(Exchange exchange) throws IOException, InterruptedException {
        Instant since = Instant.parse(exchange.getMessage().getHeader(SINCE, String.class));
        String until = exchange.getMessage().getHeader(UNTIL, String.class);
        Path dir = Files.createTempDirectory("storelink-backfill");
        exchange.setProperty(DIR, dir);
        HistoryExport.Export done = export.export(since, until == null ? null : Instant.parse(until), dir,
                exchange.getProperty(KnownVersions.PROPERTY, KnownVersions.class)); // route backfill-versions
        exchange.setProperty(FILES, done.files());
        exchange.setProperty(ORDERS, done.orders());
    }

    /** A table file becomes its ingest job's input. */
    public void job(Exchange exchange) {
        HistoryExport.TableFile file = exchange.getMessage().getBody(HistoryExport.TableFile.class);
        exchange.setProperty(IngestJobs.OBJECT, file.object());
        exchange.setProperty(IngestJobs.EXTERNAL_ID, file.externalId());
        exchange.setProperty(IngestJobs.CSV, file.csv());
    }

    /** Whether the table has rows to upload (an empty file would be a job for nothing). */
    public boolean hasRows(Exchange exchange) {
        return exchange.getMessage().getBody(HistoryExport.TableFile.class).rows() > 0;
    }

    public void cleanUp(Exchange exchange) throws IOException {
        OrderArchive orders = exchange.getProperty(ORDERS, OrderArchive.class);
        if (orders != null) {
            orders.close();
        }
        Path dir = exchange.getProperty(DIR, Path.class);
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The files' row counts for the closing log line. */
    public String summary(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HistoryExport.TableFile> files = exchange.getProperty(FILES, List.class);
        return files == null ? "nothing exported" : String.join(", ", files.stream().map(f -> f.rows() + " " + f.object()).toList());
    }
}

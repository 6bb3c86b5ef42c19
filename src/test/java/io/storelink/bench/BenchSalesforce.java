package io.storelink.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.storelink.fakes.salesforce.FakeSalesforce;

/**
 * The writer benchmarks' Salesforce (bench/writer-benchmark.sh), run in a JVM of its own on the test classpath.
 *
 * <pre>
 * BenchSalesforce serve &lt;ready-file&gt; &lt;client-id&gt; &lt;client-secret&gt; [bulk-polls-to-complete]
 * </pre>
 *
 * starts {@link FakeSalesforce} on 127.0.0.1 (a free port) accepting these client credentials (a Bulk API 2.0 ingest
 * job finishing after that many reads of its state, default 2: {@link FakeSalesforce#ingestPollsToComplete}), and next to it a
 * small control server (another free port) for the benchmark: {@code GET /stats} answers {@code key=value} lines
 * (calls: metered API calls, a composite counting once, the OAuth token requests not included; logins: token
 * requests; calls per kind; records per object; Bulk API 2.0: {@code bulk_calls}, {@code bulk_query_jobs} and per
 * object of the ingest jobs {@code ingest_<object>_<counter>}: jobs, uploads, rows_uploaded (data rows received by
 * uploads), jobs_closed and rows_accepted (jobs set to UploadComplete and their rows), rows_processed, rows_failed, jobs_complete, jobs_failed, jobs_aborted), {@code GET /opportunity?order=<id>}
 * the {@code Shopify_Updated_At__c} of that order's Opportunity (404 while there is none) and
 * {@code GET /rows?object=<sObject>&fields=<a,b,c>} those fields of every record of the object, tab-separated, one
 * record a line (the backfill benchmark's check). Writes the fake's URL and the control URL to ready-file, one a
 * line, once both accept requests; then runs until killed.
 */
public final class BenchSalesforce {

    private BenchSalesforce() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5 || !args[0].equals("serve")) {
            System.err.println("usage: BenchSalesforce serve <ready-file> <client-id> <client-secret> [bulk-polls-to-complete]");
            System.exit(2);
        }
        FakeSalesforce fake = FakeSalesforce.start(0).acceptClientCredentials(args[2], args[3]);
        if (args.length == 5) { // how long Salesforce works on a Bulk API 2.0 ingest job, in reads of its state
            fake.ingestPollsToComplete(Integer.parseInt(args[4]));
        }
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        control.setExecutor(Executors.newFixedThreadPool(2));
        control.createContext("/stats", ex -> reply(ex, 200, stats(fake)));
        control.createContext("/opportunity", ex -> {
            String order = param(ex, "order");
            var opportunity = order == null ? null
                    : fake.find("Opportunity", "External_Shopify_Order_ID__c", order).orElse(null);
            Object version = opportunity == null ? null : opportunity.get("Shopify_Updated_At__c");
            reply(ex, version == null ? 404 : 200, version == null ? "" : version.toString());
        });
        control.createContext("/rows", ex -> {
            String object = param(ex, "object");
            String fields = param(ex, "fields");
            if (object == null || fields == null) {
                reply(ex, 400, "object and fields required\n");
                return;
            }
            List<List<String>> rows;
            try {
                rows = fake.fieldValues(object, List.of(fields.split(",")));
            } catch (IllegalArgumentException e) {
                reply(ex, 400, e.getMessage() + "\n");
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/tab-separated-values;charset=UTF-8");
            ex.sendResponseHeaders(200, 0); // chunked: 100,000 lines are streamed
            try (Writer out = new BufferedWriter(new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8), 1 << 16)) {
                for (List<String> row : rows) {
                    out.write(String.join("\t", row));
                    out.write('\n');
                }
            }
            ex.close();
        });
        control.start();
        String controlUrl = "http://127.0.0.1:" + control.getAddress().getPort();
        Files.writeString(Path.of(args[1]), fake.url() + System.lineSeparator() + controlUrl + System.lineSeparator());
        System.out.println("BenchSalesforce ready: fake " + fake.url() + ", control " + controlUrl);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            fake.close();
            stopped.countDown();
        }, "bench-salesforce-shutdown"));
        stopped.await();
    }

    static String stats(FakeSalesforce fake) {
        StringBuilder s = new StringBuilder();
        s.append("calls=").append(fake.apiCalls()).append('\n');
        s.append("logins=").append(fake.logins()).append('\n');
        for (String kind : new String[] {"composite", "query", "sobjects", "limits"}) {
            s.append(kind).append("_calls=").append(fake.apiCalls("/" + kind)).append('\n');
        }
        for (String object : new String[] {"Account", "Contact", "Opportunity"}) {
            s.append(object.toLowerCase(java.util.Locale.ROOT)).append("s=").append(fake.count(object)).append('\n');
        }
        s.append("bulk_calls=").append(fake.apiCalls("/jobs/")).append('\n');
        s.append("bulk_query_jobs=").append(fake.bulkQueryJobs()).append('\n');
        fake.bulkIngestStats().forEach((object, counters) -> counters.forEach((counter, n) ->
                s.append("ingest_").append(object.toLowerCase(java.util.Locale.ROOT)).append('_').append(counter)
                        .append('=').append(n).append('\n')));
        return s.toString();
    }

    private static String param(HttpExchange ex, String name) {
        String query = ex.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}

package io.storelink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@link BenchSalesforce}'s control server: the fake's counters and an order's written version. */
final class BenchStats {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String controlUrl;

    BenchStats(String controlUrl) {
        this.controlUrl = controlUrl;
    }

    /** GET /stats as a map (calls, logins, ..., opportunities). */
    Map<String, Long> stats() throws IOException, InterruptedException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : get("/stats").body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    long calls() throws IOException, InterruptedException {
        return stats().get("calls");
    }

    /** The order's Opportunity's Shopify_Updated_At__c as Salesforce holds it, or null while there is none. */
    String writtenVersion(String orderId) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/opportunity?order=" + orderId);
        return r.statusCode() == 200 ? r.body() : null;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(controlUrl + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

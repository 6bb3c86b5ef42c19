package io.storelink.backfill.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.storelink.shopify.admin.ShopifyAdminException;

/**
 * Fetches a bulk operation's result file to a temporary file, streamed to disk as it arrives. Hand-written with the
 * JDK's HttpClient rather than camel-http: the link is a signed storage URL that must not get the Admin API token or
 * the Admin client's retries and cost accounting, and the body (hundreds of MB for a large store) must go to disk,
 * never into a message body. A refused link (403/404: expired or withdrawn) is reported as EXPIRED.
 */
public class BulkResultDownload {

    private final HttpClient client;
    private final BackfillShopifySettings settings;

    public BulkResultDownload(BackfillShopifySettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.downloadTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The file at {@code url} in a new temporary file (the caller deletes it). */
    public Path fetch(BulkOperation op, String url) throws InterruptedException {
        Path target;
        try {
            target = Files.createTempFile("storelink-bulk-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the bulk result", e);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
            HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 403 || status == 404 || status == 410) {
                    throw new BulkOperationException("the result of Shopify bulk operation " + op.id() + " is no longer available (HTTP "
                            + status + "): its link expired; start it again", op.id(), "EXPIRED", "EXPIRED", null);
                }
                if (status != 200) {
                    throw new ShopifyAdminException("reading the result of Shopify bulk operation " + op.id() + " failed: HTTP " + status);
                }
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            delete(target);
            throw new ShopifyAdminException("reading the result of Shopify bulk operation " + op.id() + " failed: " + e, e);
        } catch (RuntimeException | InterruptedException e) {
            delete(target);
            throw e;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; nothing else to do
        }
    }
}

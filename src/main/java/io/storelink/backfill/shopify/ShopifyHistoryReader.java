package io.storelink.backfill.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a store's orders of a created_at range with one bulk query: start, poll until COMPLETED, fetch the result to
 * a temporary file and hand each order with its customer and line items to {@code consumer}. A failed, cancelled or
 * expired operation is a {@link BulkOperationException} with Shopify's code.
 */
@Component
public class ShopifyHistoryReader {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyHistoryReader.class);

    /** The finished operation and what its file held. */
    public record Result(BulkOperation operation, JsonlOrderGrouper.Counts counts) {}

    private final BulkQueryRunner runner;
    private final BackfillShopifySettings settings;
    private final BulkResultDownload download;
    private final JsonlOrderGrouper grouper;

    public ShopifyHistoryReader(BulkQueryRunner runner, BackfillShopifySettings settings, ObjectMapper json) {
        this.runner = runner;
        this.settings = settings;
        this.download = new BulkResultDownload(settings);
        this.grouper = new JsonlOrderGrouper(json);
    }

    /** Orders created in [since, until) ({@code until} null: up to now). */
    public Result read(Instant since, Instant until, Consumer<BulkOrder> consumer) throws InterruptedException {
        BulkOperation started = runner.start(BulkOrdersQuery.of(since, until, settings.lineItems()));
        return readResult(runner.awaitCompleted(started.id()), consumer);
    }

    /** The result of an operation that already COMPLETED (e.g. one started before a restart). */
    public Result readResult(BulkOperation completed, Consumer<BulkOrder> consumer) throws InterruptedException {
        if (completed.url() == null) { // Shopify: no results, no file
            return new Result(completed, new JsonlOrderGrouper.Counts(0, 0, 0));
        }
        Path file = download.fetch(completed, completed.url());
        try {
            JsonlOrderGrouper.Counts counts = grouper.read(file, consumer);
            LOG.info("Shopify bulk operation {}: {} orders with {} line items read", completed.id(), counts.orders(), counts.lineItems());
            return new Result(completed, counts);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the result of Shopify bulk operation " + completed.id(), e);
        } finally {
            BulkResultDownload.delete(file);
        }
    }
}

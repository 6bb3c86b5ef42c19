package io.storelink.backfill.shopify;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a bulk query and polls it with {@code bulkOperation(id:)} until it finishes. The calls go through
 * {@link ShopifyAdmin}, so they wait for the shared cost bucket like the pollers' queries (Shopify charges the
 * mutation and each poll as ordinary requests, not the bulk work itself).
 */
@Component
public class BulkQueryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BulkQueryRunner.class);

    /** How the runner waits between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final ShopifyAdmin admin;
    private final BackfillShopifySettings settings;
    private final Pause pause;

    @org.springframework.beans.factory.annotation.Autowired
    public BulkQueryRunner(ShopifyAdmin admin, BackfillShopifySettings settings) {
        this(admin, settings, d -> Thread.sleep(d.toMillis()));
    }

    public BulkQueryRunner(ShopifyAdmin admin, BackfillShopifySettings settings, Pause pause) {
        this.admin = admin;
        this.settings = settings;
        this.pause = pause;
    }

    /** Starts {@code innerQuery}; a refusal (userErrors) is a {@link BulkOperationException} with its code. */
    public BulkOperation start(String innerQuery) {
        JsonNode payload = admin.query("bulk-operation-run-query",
                Map.of("query", innerQuery, "groupObjects", settings.groupObjects())).path("bulkOperationRunQuery");
        JsonNode error = payload.path("userErrors").path(0);
        if (!error.isMissingNode()) {
            String code = error.path("code").asText(null);
            throw new BulkOperationException("Shopify refused the bulk query: " + error.path("message").asText()
                    + (code == null ? "" : " (" + code + ")"), null, null, code, null);
        }
        BulkOperation op = BulkOperation.from(payload.path("bulkOperation"));
        LOG.info("Shopify bulk operation {} started ({})", op.id(), op.status());
        return op;
    }

    public BulkOperation poll(String operationId) {
        JsonNode op = admin.query("bulk-operation", Map.of("id", operationId)).path("bulkOperation");
        if (op.isMissingNode() || op.isNull()) {
            throw new ShopifyAdminException("Shopify does not know bulk operation " + operationId);
        }
        return BulkOperation.from(op);
    }

    /**
     * Polls every poll-interval until the operation finishes; COMPLETED is returned (its {@code url} null when nothing
     * matched), FAILED, CANCELED and EXPIRED are a {@link BulkOperationException} naming Shopify's code.
     */
    public BulkOperation awaitCompleted(String operationId) throws InterruptedException {
        return awaitCompleted(operationId, () -> { });
    }

    /** As {@link #awaitCompleted(String)}, running {@code beforePoll} first each time (a stop throws from there). */
    public BulkOperation awaitCompleted(String operationId, Runnable beforePoll) throws InterruptedException {
        while (true) {
            beforePoll.run();
            BulkOperation op = poll(operationId);
            if (op.completed()) {
                LOG.info("Shopify bulk operation {} completed: {} objects, {} orders, {} bytes", op.id(), op.objectCount(),
                        op.rootObjectCount(), op.fileSize());
                return op;
            }
            if (op.finished()) {
                throw BulkOperationException.finishedWithout(op);
            }
            LOG.debug("Shopify bulk operation {} is {} ({} objects so far)", op.id(), op.status(), op.objectCount());
            pause.pause(settings.pollInterval());
        }
    }

    /** Asks Shopify to stop the operation (CANCELING, then CANCELED); a finished one is left as it is. */
    public void cancel(String operationId) {
        JsonNode payload = admin.query("bulk-operation-cancel", Map.of("id", operationId)).path("bulkOperationCancel");
        JsonNode error = payload.path("userErrors").path(0);
        if (!error.isMissingNode()) {
            LOG.info("Shopify did not cancel bulk operation {}: {}", operationId, error.path("message").asText());
        }
    }
}

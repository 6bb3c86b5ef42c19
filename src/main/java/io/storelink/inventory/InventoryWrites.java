package io.storelink.inventory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.storelink.config.SalesforceSettings;
import io.storelink.inventory.CollectionUpdates.Batch;
import io.storelink.inventory.InventoryComparison.Update;
import io.storelink.salesforce.CompositeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the changed quantities ({@link CollectionUpdates}) and checks every record's result: a composite call
 * answers 200 even when records failed. A failed record is logged with its Id and Salesforce's statusCode and
 * counted, not retried: the next run reads it again, sees the difference and writes it again.
 */
@Component("inventoryWrites")
public class InventoryWrites {

    static final String BATCH = "inventoryWriteBatch";
    /** Failure lines per run; the summary line has the total. */
    static final int LOGGED_FAILURES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(InventoryWrites.class);

    private final InventorySettings settings;
    private final String apiVersion;

    public InventoryWrites(InventorySettings settings, SalesforceSettings salesforce) {
        this.settings = settings;
        this.apiVersion = salesforce.apiVersion();
    }

    /** The split's parts: one composite call each. */
    public List<Batch> batches(Exchange exchange) {
        return CollectionUpdates.batches(InventoryRun.of(exchange).changes().updates());
    }

    /** Body: the batch as a composite request; the batch stays on the exchange for {@link #outcome}. */
    public void composite(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        exchange.setProperty(BATCH, batch);
        InventoryRun.of(exchange).calledSalesforce();
        exchange.getIn().setBody(CollectionUpdates.composite(batch, apiVersion, settings.object(), settings.quantityField()));
    }

    public void outcome(Exchange exchange) throws SalesforceException {
        InventoryRun run = InventoryRun.of(exchange);
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        SObjectCompositeResponse response = exchange.getIn().getBody(SObjectCompositeResponse.class);
        if (response == null || response.getCompositeResponse() == null) {
            throw new SalesforceException("Salesforce composite call returned no results", 0);
        }
        List<SObjectCompositeResult> results = response.getCompositeResponse();
        for (int i = 0; i < batch.collections().size(); i++) {
            List<Update> sent = batch.collections().get(i);
            SObjectCompositeResult result = i < results.size() ? results.get(i) : null;
            if (result == null || result.getHttpStatusCode() >= 300 || !(result.getBody() instanceof List<?> records)) {
                rejected(run, sent, result);
                continue;
            }
            for (int r = 0; r < sent.size(); r++) {
                Object record = r < records.size() ? records.get(r) : null;
                if (record instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("success"))) {
                    run.addUpdated(1);
                } else {
                    failed(run, sent.get(r), record instanceof Map<?, ?> m ? m.get("errors") : null);
                }
            }
        }
    }

    /** The whole collection was refused (its status, not a record's): every record in it failed. */
    private void rejected(InventoryRun run, List<Update> sent, SObjectCompositeResult result) {
        run.addFailed(sent.size());
        String why = result == null ? "no result" : result.getHttpStatusCode() + " " + CompositeOutcome.errors(result.getBody()).stream()
                .map(RestError::getErrorCode).collect(Collectors.joining(", "));
        LOG.warn("Salesforce refused an update of {} {} record(s) ({} {} ...): {}", sent.size(), settings.object(),
                sent.get(0).id(), sent.get(0).key(), why);
    }

    /** Codes and fields only, like the order writer's logs. */
    private void failed(InventoryRun run, Update update, Object errors) {
        run.addFailed(1);
        if (run.loggedFailures++ < LOGGED_FAILURES) {
            StringBuilder why = new StringBuilder();
            if (errors instanceof List<?> list) {
                for (Object e : list) {
                    if (e instanceof Map<?, ?> m) {
                        why.append(why.length() == 0 ? "" : ", ").append(m.get("statusCode"));
                        if (m.get("fields") instanceof List<?> fields && !fields.isEmpty()) {
                            why.append(' ').append(fields);
                        }
                    }
                }
            }
            LOG.warn("Could not update {} {} ({} {}) to {}: {}; the next run tries again", settings.object(), update.id(),
                    run.getKeyLabel(), update.key(), update.quantity(), why.length() == 0 ? "no result" : why);
        }
    }
}

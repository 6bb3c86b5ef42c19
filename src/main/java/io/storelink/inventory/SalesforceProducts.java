package io.storelink.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.storelink.config.SalesforceSettings;
import io.storelink.salesforce.CompositeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.stereotype.Component;

/**
 * Reads the Salesforce products of the run's keys with their current quantity. The SOQL queries
 * ({@link ProductQueries}) go {@value #QUERIES_PER_CALL} at a time into one composite call, the most Salesforce
 * allows there: one API call reads up to 2,500 keys. A result with more pages (many records per key) queues its
 * nextRecordsUrl for the next call. The route loops while {@link #hasPendingReads} holds.
 */
@Component("salesforceProducts")
public class SalesforceProducts {

    /** Salesforce: at most 5 subrequests of a composite may be queries or sObject Collections. */
    static final int QUERIES_PER_CALL = 5;

    private final InventorySettings settings;
    private final String apiVersion;

    public SalesforceProducts(InventorySettings settings, SalesforceSettings salesforce) {
        this.settings = settings;
        this.apiVersion = salesforce.apiVersion();
    }

    public void plan(Exchange exchange) {
        InventoryRun run = InventoryRun.of(exchange);
        for (String soql : ProductQueries.soql(run.stock().keySet(), settings)) {
            run.pendingReads.add("/query/?q=" + ProductQueries.urlEncoded(soql));
        }
    }

    public boolean hasPendingReads(Exchange exchange) {
        return !InventoryRun.of(exchange).pendingReads.isEmpty();
    }

    /** The next composite call: up to five queries (or next pages), independent of each other. */
    public void nextReads(Exchange exchange) {
        InventoryRun run = InventoryRun.of(exchange);
        SObjectComposite composite = new SObjectComposite(apiVersion, false);
        for (int i = 1; i <= QUERIES_PER_CALL && !run.pendingReads.isEmpty(); i++) {
            composite.addGeneric(SObjectComposite.Method.GET, run.pendingReads.poll(), "read" + i);
        }
        run.calledSalesforce();
        exchange.getIn().setBody(composite);
    }

    /** Takes the records of every query; a failed query fails the run (a wrong field name, say), like a failed call. */
    public void collect(Exchange exchange) throws SalesforceException {
        InventoryRun run = InventoryRun.of(exchange);
        SObjectCompositeResponse response = exchange.getIn().getBody(SObjectCompositeResponse.class);
        if (response == null || response.getCompositeResponse() == null) {
            throw new SalesforceException("Salesforce composite call returned no results", 0);
        }
        for (SObjectCompositeResult result : response.getCompositeResponse()) {
            if (result.getHttpStatusCode() >= 300) {
                List<RestError> errors = CompositeOutcome.errors(result.getBody());
                throw new SalesforceException(errors, result.getHttpStatusCode(), "Salesforce rejected the " + settings.object()
                        + " query: " + result.getHttpStatusCode() + " " + errors.stream().map(RestError::getErrorCode).collect(Collectors.joining(", ")));
            }
            if (!(result.getBody() instanceof Map<?, ?> page)) {
                throw new SalesforceException("Salesforce answered the " + settings.object() + " query without a result", result.getHttpStatusCode());
            }
            if (page.get("records") instanceof List<?> records) {
                for (Object record : records) {
                    if (record instanceof Map<?, ?> r) {
                        add(run, r);
                    }
                }
            }
            if (!Boolean.TRUE.equals(page.get("done")) && page.get("nextRecordsUrl") instanceof String next) {
                run.pendingReads.add(relative(next));
            }
        }
    }

    private void add(InventoryRun run, Map<?, ?> record) {
        Object value = field(record, settings.matchField());
        String key = run.shopifyKey(value == null ? null : value.toString());
        if (key != null) {
            Object quantity = field(record, settings.quantityField());
            run.records.add(new SalesforceProduct(String.valueOf(field(record, "Id")), key,
                    quantity == null ? null : new BigDecimal(quantity.toString())));
        }
    }

    /** Salesforce answers with the fields' own spelling, which may differ in case from the configured name. */
    private static Object field(Map<?, ?> record, String name) {
        Object exact = record.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : record.entrySet()) {
            if (name.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** nextRecordsUrl is /services/data/vXX.X/query/...; the composite builder adds that prefix itself. */
    static String relative(String nextRecordsUrl) {
        String prefix = "/services/data/v";
        if (nextRecordsUrl.startsWith(prefix)) {
            int slash = nextRecordsUrl.indexOf('/', prefix.length());
            return slash < 0 ? nextRecordsUrl : nextRecordsUrl.substring(slash);
        }
        return nextRecordsUrl;
    }
}

package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.config.SalesforceSettings;
import io.storelink.inventory.InventoryComparison.Update;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The route's Salesforce steps on hand-made composite answers (the integration test runs them against the fake). */
class SalesforceStepsTest {

    private static final SalesforceSettings SALESFORCE = new SalesforceSettings(null, null, null, null, null, null, "64.0");
    private final InventorySettings settings = InventorySettingsTest.settings("");
    private final SalesforceProducts products = new SalesforceProducts(settings, SALESFORCE);
    private final InventoryWrites writes = new InventoryWrites(settings, SALESFORCE);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void readsGoFiveQueriesToACallAndFollowNextPages() throws Exception {
        Map<String, Long> stock = new TreeMap<>();
        for (int i = 0; i < 3001; i++) {
            stock.put(String.format("SKU-%05d", i), 1L);
        }
        run(stock);
        products.plan(exchange);

        products.nextReads(exchange);
        JsonNode first = CompositeJson.of(exchange.getIn().getBody(SObjectComposite.class));
        assertThat(first.get("allOrNone").asBoolean()).isFalse();
        assertThat(first.get("compositeRequest")).hasSize(5).allSatisfy(r -> {
            assertThat(r.get("method").asText()).isEqualTo("GET");
            assertThat(r.get("url").asText()).startsWith("/services/data/v64.0/query/?q=SELECT+Id%2C+StockKeepingUnit");
        });
        exchange.getIn().setBody(response(page(true, null, record("01tA", "SKU-00000", 1.0)), page(true, null), page(true, null),
                page(true, null), page(false, "/services/data/v64.0/query/01gXYZ-2000", record("01tB", "sku-00001", null))));
        products.collect(exchange);

        assertThat(products.hasPendingReads(exchange)).isTrue();
        products.nextReads(exchange);
        JsonNode second = CompositeJson.of(exchange.getIn().getBody(SObjectComposite.class));
        // the 6th and 7th chunk of keys, then the next page of the 5th query
        assertThat(second.get("compositeRequest").findValuesAsText("url")).hasSize(3)
                .last().isEqualTo("/services/data/v64.0/query/01gXYZ-2000");
        exchange.getIn().setBody(response(page(true, null), page(true, null), page(true, null, record("01tC", "SKU-00002", 4))));
        products.collect(exchange);

        assertThat(products.hasPendingReads(exchange)).isFalse();
        assertThat(InventoryRun.of(exchange).getSalesforceCalls()).isEqualTo(2);
        assertThat(InventoryRun.of(exchange).records).containsExactly(
                new SalesforceProduct("01tA", "SKU-00000", new BigDecimal("1.0")),
                new SalesforceProduct("01tB", "SKU-00001", null), // SOQL matched it ignoring case
                new SalesforceProduct("01tC", "SKU-00002", new BigDecimal("4")));
    }

    @Test
    void aFailedQueryFailsTheRun() {
        run(Map.of("A", 1L));
        exchange.getIn().setBody(response(new SObjectCompositeResult(List.of(Map.of("errorCode", "INVALID_FIELD",
                "message", "No such column 'Quantity_Available__c' on entity 'Product2'")), Map.of(), 400, "read1")));

        assertThatThrownBy(() -> products.collect(exchange)).isInstanceOfSatisfying(SalesforceException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Product2").contains("INVALID_FIELD");
        });
    }

    @Test
    void everyRecordResultIsCheckedAndFailuresCounted() throws Exception {
        InventoryRun run = run(Map.of("A", 1L));
        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < 203; i++) {
            updates.add(new Update("01t" + i, "SKU-" + i, i));
        }
        run.changes(new InventoryComparison.Changes(updates, 0, List.of()));
        CollectionUpdates.Batch batch = writes.batches(exchange).get(0);
        exchange.getIn().setBody(batch);
        writes.composite(exchange);
        assertThat(CompositeJson.of(exchange.getIn().getBody(SObjectComposite.class)).get("compositeRequest")).hasSize(2);

        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(i == 7 ? Map.of("id", "01t7", "success", false, "errors", List.of(Map.of("statusCode", "UNABLE_TO_LOCK_ROW",
                    "message", "unable to obtain exclusive access to this record", "fields", List.of())))
                    : Map.of("id", "01t" + i, "success", true, "errors", List.of()));
        }
        exchange.getIn().setBody(response(new SObjectCompositeResult(first, Map.of(), 200, "update1"),
                new SObjectCompositeResult(List.of(Map.of("errorCode", "JSON_PARSER_ERROR", "message", "bad")), Map.of(), 400, "update2")));
        writes.outcome(exchange);

        assertThat(run.getUpdated()).isEqualTo(199);
        assertThat(run.getFailed()).isEqualTo(1 + 3);
        assertThat(run.getSalesforceCalls()).isEqualTo(1);
    }

    private InventoryRun run(Map<String, Long> stock) {
        InventoryRun run = new InventoryRun("SKU", List.of("Main"), new TreeMap<>(stock), 0);
        exchange.setProperty(InventoryRun.PROPERTY, run);
        return run;
    }

    private static SObjectCompositeResponse response(SObjectCompositeResult... results) {
        return new SObjectCompositeResponse(List.of(results));
    }

    private static SObjectCompositeResult page(boolean done, String next, Map<?, ?>... records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", records.length);
        body.put("done", done);
        if (next != null) {
            body.put("nextRecordsUrl", next);
        }
        body.put("records", List.of(records));
        return new SObjectCompositeResult(body, Map.of(), 200, "read");
    }

    private static Map<String, Object> record(String id, String sku, Object quantity) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("attributes", Map.of("type", "Product2"));
        r.put("Id", id);
        r.put("StockKeepingUnit", sku);
        r.put("Quantity_Available__c", quantity);
        return r;
    }
}

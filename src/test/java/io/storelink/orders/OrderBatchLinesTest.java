package io.storelink.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.lineitems.LineItemMapping;
import io.storelink.lineitems.LineItemSettings;
import io.storelink.lineitems.LineItems;
import io.storelink.lineitems.PriceBooks;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.shopify.ParseOrder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The orders writer's line-items hook, without Kafka or Salesforce: with line items on, a write call's orders are
 * written (and their version known) only once their lines calls are done; the Opportunity waits for its version and
 * carries its price book.
 */
class OrderBatchLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String STANDARD = "01s000000000001AAA";

    private final LineItems lineItems = lineItems();
    private final WrittenVersions versions = new WrittenVersions(1000, Duration.ofSeconds(30));
    private final BatchCalls calls = new BatchCalls("62.0", TestSettings.mapping(),
            new AppliedVersions(JSON, "Opportunity", "External_Shopify_Order_ID__c", "Shopify_Updated_At__c"),
            new AppliedVersions(JSON, "Contact", "External_Shopify_ID__c", "Shopify_Customer_Updated_At__c"),
            TestSettings.orgSchema(), lineItems);
    private final OrderFactory orders = new OrderFactory(23);

    @Test
    void anOrderIsWrittenOnceItsLinesAreAndItsOpportunityWaitsForItsVersion() throws Exception {
        OrderBatch batch = batchOf(withLines(orders.companyOrder(), 3));
        BatchRecord record = batch.records.get(0);
        batch.current();
        batch.versionsRead(Map.of());

        OrderBatch.Call write = batch.current();
        JsonNode opportunity = JSON.valueToTree(calls.upserts(write.pending()).composite()).at("/compositeRequest/2/body/records/0");
        assertThat(opportunity.path("Pricebook2Id").asText()).isEqualTo(STANDARD);
        assertThat(opportunity.has("Shopify_Updated_At__c")).as("written after the lines").isFalse();
        assertThat(batch.written(List.of(new BatchCalls.Saved(true, null)), write.pending(), e -> true)).isEmpty();
        assertThat(record.outcome).isEqualTo(BatchRecord.Outcome.PENDING);

        OrderBatch.Call lines = batch.current();
        assertThat(lines.kind()).isEqualTo(OrderBatch.Kind.LINES);
        lines.lines().next(java.util.Set.of(OrderBatch.lineKey(record)));
        assertThat(batch.linesAnswered(lines.lines().answered(response(query(), saved(3), saved(3), query())), e -> true)).isEmpty();
        assertThat(record.outcome).as("the lines are not written yet").isEqualTo(BatchRecord.Outcome.PENDING);
        lines.lines().next(java.util.Set.of(OrderBatch.lineKey(record)));
        assertThat(batch.linesAnswered(lines.lines().answered(response(saved(3), saved(1))), e -> true)).isEmpty();

        assertThat(record.outcome).isEqualTo(BatchRecord.Outcome.WRITTEN);
        assertThat(versions.known(0, record.subject(), record.createdAt())).isPresent();
        assertThat(batch.hasCalls()).isFalse();
    }

    @Test
    void aLinesCallThatGivesUpRefusesItsOrdersAndLeavesTheNextCallsOrdersForTheNextPoll() {
        OrderBatch batch = written(withLines(orders.companyOrder(), 200), withLines(orders.companyOrder(), 1));

        OrderBatch.Call first = batch.current();
        assertThat(first.kind()).isEqualTo(OrderBatch.Kind.LINES);
        assertThat(first.records()).containsExactly(batch.records.get(0));
        batch.refuseCurrent(new SalesforceException("Salesforce kept failing", 503));

        assertThat(batch.hasCalls()).isFalse();
        assertThat(batch.records).extracting(r -> r.outcome)
                .containsExactly(BatchRecord.Outcome.REFUSED, BatchRecord.Outcome.PENDING);
    }

    @Test
    void aRefusedProductRefusesItsOrderAndOneThatMayPassRetriesTheRun() throws Exception {
        OrderBatch batch = written(withLines(orders.companyOrder(), 1), withLines(orders.companyOrder(), 1));
        OrderBatch.Call lines = batch.current();
        lines.lines().next(keys(batch));

        Optional<SalesforceException> retry = batch.linesAnswered(lines.lines().answered(response(query(),
                List.of(refused("FIELD_CUSTOM_VALIDATION_EXCEPTION"), refused("UNABLE_TO_LOCK_ROW")), saved(2), query())),
                e -> "FIELD_CUSTOM_VALIDATION_EXCEPTION".equals(e.getErrors().get(0).getErrorCode()));

        assertThat(retry).isPresent();
        assertThat(batch.records).extracting(r -> r.outcome)
                .containsExactly(BatchRecord.Outcome.REFUSED, BatchRecord.Outcome.PENDING);
        assertThat(batch.current().pending()).as("the retry is for the order that may pass").containsExactly(batch.records.get(1));
        assertThat(JSON.valueToTree(lines.lines().next(keys(batch))).at("/compositeRequest/0/url").asText())
                .as("the run starts again with its first composite").contains("/query/");
    }

    // ---- orders, batches and answers ----

    private static LineItems lineItems() {
        LineItemSettings settings = TestSettings.lineItems("");
        PriceBooks books = new PriceBooks(settings, TestSettings.camel());
        books.use(new PriceBooks.Ids(STANDARD, STANDARD));
        return new LineItems(settings, TestSettings.mapping(), new LineItemMapping(settings, TestSettings.camel()), books,
                TestSettings.orgSchema(), TestSettings.salesforce());
    }

    private static ObjectNode withLines(ObjectNode order, int n) {
        ArrayNode items = order.putArray("line_items");
        IntStream.range(0, n).forEach(i -> items.addObject().put("id", order.get("id").asLong() * 1000 + i)
                .put("variant_id", order.get("id").asLong() % 1_000_000 * 1000 + i).put("title", "Tea").put("quantity", 1).put("price", "4.00"));
        return order;
    }

    /** A batch of these orders whose write call Salesforce took: its lines calls are next. */
    private OrderBatch written(ObjectNode... payloads) {
        OrderBatch batch = batchOf(payloads);
        batch.current();
        batch.versionsRead(Map.of());
        OrderBatch.Call write = batch.current();
        List<BatchCalls.Saved> saved = write.pending().stream().map(r -> new BatchCalls.Saved(true, null)).toList();
        batch.written(saved, write.pending(), e -> true);
        return batch;
    }

    private OrderBatch batchOf(ObjectNode... payloads) {
        versions.assigned(0);
        ParseOrder parser = new ParseOrder(JSON);
        List<BatchRecord> records = new ArrayList<>();
        long offset = 0;
        for (ObjectNode payload : payloads) {
            DefaultExchange kafkaRecord = new DefaultExchange(new DefaultCamelContext());
            kafkaRecord.getMessage().setHeaders(Map.of(KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, offset++));
            byte[] body = OrderFactory.bytes(payload);
            kafkaRecord.getMessage().setBody(body);
            records.add(BatchRecord.order(kafkaRecord, parser.parse(body), parser::tree));
        }
        OrderMapping mapping = TestSettings.orderMapping();
        return new OrderBatch(records, versions, r -> RecordUpserts.of(mapping.map(r.order, r.payload())), lineItems);
    }

    private static java.util.Set<String> keys(OrderBatch batch) {
        return batch.current().pending().stream().map(OrderBatch::lineKey).collect(java.util.stream.Collectors.toSet());
    }

    private static SObjectCompositeResponse response(Object... bodies) {
        List<SObjectCompositeResult> results = new ArrayList<>();
        for (Object body : bodies) {
            results.add(new SObjectCompositeResult(body, Map.of(), 200, null));
        }
        return new SObjectCompositeResponse(results);
    }

    private static Map<String, Object> query() {
        return Map.of("totalSize", 0, "done", true, "records", List.of());
    }

    private static List<Object> saved(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> (Object) Map.of("id", "x" + i, "success", true, "errors", List.of())).toList());
    }

    private static Map<String, Object> refused(String code) {
        return Map.of("success", false, "errors", List.of(Map.of("statusCode", code, "message", "no", "fields", List.of())));
    }
}

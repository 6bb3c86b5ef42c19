package io.storelink.orders;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.customers.CustomerMapping;
import io.storelink.deadletter.DeadLetterHeaders;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch's plan and its calls, without Kafka or Salesforce: what the writer sends for a batch, and why. */
class OrderBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final MappingSettings MAPPING = TestSettings.mapping();

    private final CamelContext camel = new DefaultCamelContext();
    private final ParseOrder parser = new ParseOrder(JSON);
    private final OrderMapping mapping = TestSettings.orderMapping();
    private final WrittenVersions versions = new WrittenVersions(20_000, Duration.ofSeconds(30));
    private final CustomerMapping customerMapping = TestSettings.customerMapping();
    private final ParseCustomer customerParser = new ParseCustomer(JSON);
    private final BatchCalls calls = new BatchCalls("62.0", MAPPING,
            new AppliedVersions(JSON, "Opportunity", "External_Shopify_Order_ID__c", "Shopify_Updated_At__c"),
            new AppliedVersions(JSON, "Contact", "External_Shopify_ID__c", "Shopify_Customer_Updated_At__c"),
            TestSettings.orgSchema());
    private final OrderFactory orders = new OrderFactory(11);
    private long offset;

    @Test
    void aThousandOrdersCostOneVersionReadAndFiveWrites() {
        List<ObjectNode> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            payloads.add(orders.nextOrder());
        }
        OrderBatch batch = batch(payloads);

        OrderBatch.Call read = batch.current();
        assertThat(read.kind()).isEqualTo(OrderBatch.Kind.READ);
        SObjectComposite reads = calls.versionReads(read.pending());
        assertThat(requests(reads)).hasSize(5)
                .allSatisfy(r -> assertThat(r.get("url").asText()).startsWith("/services/data/v62.0/query/?q=SELECT+External_Shopify_Order_ID__c"));
        batch.versionsRead(Map.of()); // Salesforce has none of them

        int writes = 0;
        while (batch.hasCalls()) {
            OrderBatch.Call call = batch.current();
            assertThat(call.kind()).isEqualTo(OrderBatch.Kind.WRITE);
            assertThat(call.records()).hasSize(200);
            BatchCalls.Write write = calls.upserts(call.pending());
            assertThat(requests(write.composite())).hasSize(3).extracting(r -> r.get("url").asText()).containsExactly(
                    "/services/data/v62.0/composite/sobjects/Account/External_Shopify_Account_ID__c",
                    "/services/data/v62.0/composite/sobjects/Contact/External_Shopify_ID__c",
                    "/services/data/v62.0/composite/sobjects/Opportunity/External_Shopify_Order_ID__c");
            assertThat(batch.written(allSaved(call.records().size()), call.pending(), e -> true)).isEmpty();
            writes++;
        }
        assertThat(writes).isEqualTo(5);
        assertThat(batch.records).allSatisfy(r -> assertThat(r.outcome).isEqualTo(BatchRecord.Outcome.WRITTEN));
    }

    @Test
    void aPlannedBatchHoldsNoJsonTreesAndReadsOneOnlyForEachRecordItWrites() {
        // a 15 KB order's tree is ~85 KB of heap: three writers' batches of 1,000 held them beyond a 256 MB heap
        ObjectNode created = orders.companyOrder();
        ObjectNode updated = OrderFactory.updated(created, Duration.ofMinutes(5), o -> o.put("financial_status", "paid"));
        ObjectNode other = orders.companyOrder();
        java.util.concurrent.atomic.AtomicInteger treesRead = new java.util.concurrent.atomic.AtomicInteger();
        versions.assigned(0);
        List<BatchRecord> records = new ArrayList<>();
        for (ObjectNode payload : List.of(created, updated, other)) {
            Exchange child = new DefaultExchange(camel);
            child.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            child.getMessage().setHeader(KafkaConstants.OFFSET, offset++);
            byte[] body = OrderFactory.bytes(payload);
            child.getMessage().setBody(body);
            records.add(BatchRecord.order(child, parser.parse(body), b -> {
                treesRead.incrementAndGet();
                return parser.tree(b);
            }));
        }
        List<String> mappedNames = new ArrayList<>();
        OrderBatch batch = new OrderBatch(records, versions, r -> {
            mappedNames.add(r.payload().get("name").asText()); // the mapping reads the tree as often as it likes
            mappedNames.add(r.payload().get("name").asText());
            return RecordUpserts.of(mapping.map(r.order, r.payload()));
        });

        assertThat(treesRead).as("one tree per record written, none for the older event").hasValue(2);
        assertThat(mappedNames).containsExactly(updated.get("name").asText(), updated.get("name").asText(),
                other.get("name").asText(), other.get("name").asText());
        assertThat(batch.records).noneMatch(BatchRecord::holdsPayload);
        assertThat(batch.records.get(1).payload().get("financial_status").asText()).as("read again when asked")
                .isEqualTo("paid");
    }

    @Test
    void onlyTheNewestEventOfAnOrderIsWrittenAndOrdersKnownNewerInSalesforceAreSkipped() {
        ObjectNode created = orders.companyOrder();
        ObjectNode updated = OrderFactory.updated(created, Duration.ofMinutes(5), o -> o.put("financial_status", "paid"));
        ObjectNode stale = orders.companyOrder();
        OrderBatch batch = batch(List.of(updated, created, created, stale));

        assertThat(batch.current().records()).extracting(r -> r.subject().id())
                .containsExactly(created.get("id").asLong(), stale.get("id").asLong());
        batch.versionsRead(Map.of(Subject.order(stale.get("id").asLong()),
                Optional.of(Instant.parse(stale.get("updated_at").asText()).plusSeconds(1)))); // Salesforce has newer

        OrderBatch.Call write = batch.current();
        assertThat(write.records()).hasSize(1).first().satisfies(r -> assertThat(r.version())
                .isEqualTo(Instant.parse(updated.get("updated_at").asText())));
        batch.written(allSaved(1), write.pending(), e -> true);
        assertThat(batch.hasCalls()).isFalse();
        assertThat(batch.records).extracting(r -> r.outcome).containsExactly(BatchRecord.Outcome.WRITTEN,
                BatchRecord.Outcome.SKIPPED, BatchRecord.Outcome.SKIPPED, BatchRecord.Outcome.SKIPPED);
        assertThat(versions.known(0, Subject.order(stale.get("id").asLong()), null)).as("the version read is remembered").isPresent();
    }

    @Test
    void aReplayedDeadLetterIsWrittenAtTheVersionSalesforceHasButNotOverANewerOne() {
        ObjectNode order = orders.companyOrder();
        Instant version = Instant.parse(order.get("updated_at").asText());
        OrderBatch delivered = batch(List.of(order));
        delivered.current();
        delivered.versionsRead(Map.of(Subject.order(order.get("id").asLong()), Optional.of(version)));
        assertThat(delivered.records.get(0).outcome).as("a repeated delivery").isEqualTo(BatchRecord.Outcome.SKIPPED);

        OrderBatch replayed = batch(List.of(order), e -> e.getMessage().setHeader(DeadLetterHeaders.REPLAYS, "1"));
        replayed.current();
        replayed.versionsRead(Map.of(Subject.order(order.get("id").asLong()), Optional.of(version)));
        assertThat(replayed.current().kind()).as("the replay finishes a write that was refused in part").isEqualTo(OrderBatch.Kind.WRITE);

        OrderBatch stale = batch(List.of(order), e -> e.getMessage().setHeader(DeadLetterHeaders.REPLAYS, "1"));
        stale.current();
        stale.versionsRead(Map.of(Subject.order(order.get("id").asLong()), Optional.of(version.plusSeconds(1))));
        assertThat(stale.records.get(0).skipReason).isEqualTo("Salesforce already has a newer version");
    }

    @Test
    void aCustomersOrdersShareOneAccountAndContactLinkedByExternalIds() {
        ObjectNode first = orders.companyOrder();
        ObjectNode second = orders.orderForCustomer(first);
        String customer = first.get("customer").get("id").asText();
        OrderBatch batch = batch(List.of(first, second));
        batch.current();
        batch.versionsRead(Map.of());

        BatchCalls.Write write = calls.upserts(batch.current().pending());

        List<JsonNode> requests = requests(write.composite());
        List<Map<String, Object>> accounts = records(requests.get(0));
        List<Map<String, Object>> contacts = records(requests.get(1));
        List<Map<String, Object>> opportunities = records(requests.get(2));
        assertThat(accounts).hasSize(1).first().satisfies(a -> assertThat(a)
                .containsEntry("attributes", Map.of("type", "Account"))
                .containsEntry("External_Shopify_Account_ID__c", "shop_cust_" + customer));
        assertThat(contacts).hasSize(1).first().satisfies(c -> assertThat(c)
                .containsEntry("External_Shopify_ID__c", customer)
                .containsEntry("Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_" + customer)));
        assertThat(opportunities).hasSize(2).allSatisfy(o -> assertThat(o)
                .containsEntry("Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_" + customer))
                .containsEntry("Contact", Map.of("External_Shopify_ID__c", customer)));
        assertThat(write.account()).containsExactly(0, 0);
        assertThat(write.opportunity()).containsExactly(0, 1);
        assertThat(requests.get(0).at("/body/allOrNone").asBoolean(true)).isFalse();
    }

    @Test
    void aRefusedRecordIsRefusedAloneAndALockedOneIsRetriedAlone() throws Exception {
        List<ObjectNode> payloads = List.of(orders.companyOrder(), orders.companyOrder(), orders.companyOrder());
        OrderBatch batch = batch(payloads);
        batch.current();
        batch.versionsRead(Map.of());
        OrderBatch.Call call = batch.current();
        BatchCalls.Write write = calls.upserts(call.pending());
        // Contact 2 fails validation, Opportunity 3 is locked; Salesforce reports errors per record with statusCode
        SObjectCompositeResponse response = new SObjectCompositeResponse(List.of(
                collection(ok(), ok(), ok()),
                collection(ok(), failed("FIELD_CUSTOM_VALIDATION_EXCEPTION", "LastName"), ok()),
                collection(ok(), failed("INVALID_FIELD", null), failed("UNABLE_TO_LOCK_ROW", null))));

        List<BatchCalls.Saved> saved = calls.saved(write, response);

        assertThat(saved.get(0).success()).isTrue();
        assertThat(saved.get(1).failure().getErrors()).extracting(e -> e.getErrorCode())
                .as("the Contact's error, not the Opportunity's that followed from it").containsExactly("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(saved.get(1).failure().getMessage()).contains("Contact", "LastName");
        assertThat(saved.get(2).failure().getErrors()).extracting(e -> e.getErrorCode()).containsExactly("UNABLE_TO_LOCK_ROW");

        Optional<org.apache.camel.component.salesforce.api.SalesforceException> retry = batch.written(saved, write.records(),
                e -> !"UNABLE_TO_LOCK_ROW".equals(e.getErrors().get(0).getErrorCode()));

        assertThat(retry).as("the call is retried for the locked order").containsSame(saved.get(2).failure());
        assertThat(batch.current().pending()).as("the retry sends only the locked order").extracting(r -> r.subject().id())
                .containsExactly(payloads.get(2).get("id").asLong());
        assertThat(batch.records).extracting(r -> r.outcome).containsExactly(BatchRecord.Outcome.WRITTEN,
                BatchRecord.Outcome.REFUSED, BatchRecord.Outcome.PENDING);
    }

    @Test
    void aCustomerEventAndItsOrderShareOneCallAndTheCustomerIsReadFromItsContact() throws Exception {
        ObjectNode order = orders.companyOrder();
        ObjectNode customer = customerEvent(order.get("customer").get("id").asLong(), "2026-12-01T10:00:00Z");
        customer.putObject("email_marketing_consent").put("state", "subscribed");
        customer.put("note", "prefers phone");
        String id = customer.get("id").asText();
        OrderBatch batch = batch(List.of(customer, order));

        List<BatchRecord> readCall = batch.current().pending();
        List<JsonNode> reads = requests(calls.versionReads(readCall));
        assertThat(reads).extracting(r -> r.get("referenceId").asText()).containsExactly("orders0", "customers1");
        assertThat(reads.get(1).get("url").asText()).contains("FROM+Contact+WHERE+External_Shopify_ID__c+IN+%28%27" + id + "%27%29");
        batch.versionsRead(calls.readVersions(response( // without referenceIds: the position tells the query
                result(null, 200, Map.of("records", List.of())),
                result(null, 200, Map.of("records", List.of(Map.of("External_Shopify_ID__c", id,
                        "Shopify_Customer_Updated_At__c", "2026-11-30T10:00:00.000+0000"))))), readCall)); // older: written

        OrderBatch.Call call = batch.current();
        assertThat(call.records()).hasSize(2);
        BatchCalls.Write write = calls.upserts(call.pending());
        List<JsonNode> requests = requests(write.composite());
        assertThat(requests).hasSize(3);
        List<Map<String, Object>> contacts = records(requests.get(1));
        assertThat(contacts).as("one Contact with the customer's own fields and the order's").hasSize(1).first()
                .satisfies(c -> assertThat(c).containsEntry("External_Shopify_ID__c", id)
                        .containsEntry("HasOptedOutOfEmail", false).containsEntry("Description", "prefers phone")
                        .containsEntry("Shopify_Customer_Updated_At__c", "2026-12-01T10:00:00Z")
                        .containsEntry("Account", Map.of("External_Shopify_Account_ID__c", "shop_cust_" + id)));
        assertThat(write.opportunity()).as("a customer event has no Opportunity").containsExactly(-1, 0);
    }

    @Test
    void anOlderCustomerEventIsSkippedAndADeletionMarksOnlyAnExistingContact() throws Exception {
        ObjectNode older = customerEvent(7001, "2026-12-01T10:00:00Z");
        ObjectNode unknown = customerEvent(7002, "2026-12-01T10:00:00Z");
        OrderBatch batch = batch(List.of(older));
        batch.current();
        batch.versionsRead(Map.of(Subject.customer(7001), Optional.of(Instant.parse("2026-12-02T00:00:00Z"))));
        assertThat(batch.hasCalls()).isFalse();
        assertThat(batch.records.get(0).skipReason).isEqualTo("Salesforce already has this or a newer version");

        OrderBatch deletions = deletions(List.of(older, unknown));
        assertThat(deletions.current().kind()).as("a deletion always reads whether the Contact exists").isEqualTo(OrderBatch.Kind.READ);
        deletions.versionsRead(Map.of(Subject.customer(7001), Optional.of(Instant.parse("2026-12-01T10:00:00Z"))));
        OrderBatch.Call write = deletions.current();
        assertThat(write.records()).extracting(r -> r.subject()).containsExactly(Subject.customer(7001));
        List<JsonNode> requests = requests(calls.upserts(write.pending()).composite());
        assertThat(requests).as("only the Contact: no Account, never a new Contact").hasSize(1);
        assertThat(records(requests.get(0))).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("External_Shopify_ID__c", "7001").containsEntry("Shopify_Customer_Deleted__c", true)
                .containsEntry("Shopify_Customer_Updated_At__c", "2026-12-05T08:00:00Z").doesNotContainKey("LastName"));
        assertThat(deletions.records.get(1).skipReason).isEqualTo("no Contact for this customer in Salesforce: nothing to mark");
    }

    /** customers/delete deliveries (mark mode), triggered at 2026-12-05T08:00Z. */
    private OrderBatch deletions(List<ObjectNode> customers) {
        versions.assigned(0);
        List<BatchRecord> records = new ArrayList<>();
        for (ObjectNode c : customers) {
            Exchange child = new DefaultExchange(camel);
            child.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            child.getMessage().setHeader(KafkaConstants.OFFSET, offset++);
            child.getMessage().setHeader(ShopifyHeaders.TOPIC, "customers/delete");
            child.getMessage().setHeader(ShopifyHeaders.TRIGGERED_AT, "2026-12-05T08:00:00.000000Z");
            byte[] body = OrderFactory.bytes(JSON.createObjectNode().put("id", c.get("id").asLong()));
            child.getMessage().setBody(body);
            records.add(BatchRecord.customer(child, customerParser.parse(body), customerParser::tree, true));
        }
        return new OrderBatch(records, versions, r -> RecordUpserts.of(customerMapping.deletionMark(r.subject().id(), r.version())));
    }

    /** Shopify's customers/update sample with this id and version. */
    private static ObjectNode customerEvent(long id, String updatedAt) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/shopify/webhooks-2026-07/customers__update.json")));
        c.put("id", id);
        c.put("updated_at", updatedAt);
        return c;
    }

    private static SObjectCompositeResponse response(SObjectCompositeResult... results) {
        return new SObjectCompositeResponse(List.of(results));
    }

    private static SObjectCompositeResult result(String reference, int status, Object body) {
        return new SObjectCompositeResult(body, Map.of(), status, reference);
    }

    @Test
    void relationshipNamesFollowSalesforcesRule() {
        assertThat(BatchCalls.relationship("AccountId")).isEqualTo("Account");
        assertThat(BatchCalls.relationship("Primary_Contact__c")).isEqualTo("Primary_Contact__r");
    }

    private OrderBatch batch(List<ObjectNode> payloads) {
        return batch(payloads, e -> { });
    }

    /** The records as the consumer hands them, each first given {@code headers}. */
    private OrderBatch batch(List<ObjectNode> payloads, java.util.function.Consumer<Exchange> headers) {
        versions.assigned(0);
        List<BatchRecord> records = new ArrayList<>();
        for (ObjectNode payload : payloads) {
            Exchange child = new DefaultExchange(camel);
            child.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            child.getMessage().setHeader(KafkaConstants.OFFSET, offset++);
            byte[] body = OrderFactory.bytes(payload);
            child.getMessage().setBody(body);
            child.getMessage().setHeader(ShopifyHeaders.TOPIC, payload.has("line_items") ? "orders/create" : "customers/update");
            headers.accept(child);
            records.add(payload.has("line_items") ? BatchRecord.order(child, parser.parse(body), parser::tree)
                    : BatchRecord.customer(child, customerParser.parse(body), customerParser::tree, false));
        }
        return new OrderBatch(records, versions, r -> r.isCustomer() ? RecordUpserts.of(customerMapping.map(r.customer, r.payload()))
                : RecordUpserts.of(mapping.map(r.order, r.payload())));
    }

    private static List<BatchCalls.Saved> allSaved(int n) {
        List<BatchCalls.Saved> saved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            saved.add(new BatchCalls.Saved(true, null));
        }
        return saved;
    }

    /** The composite request as Salesforce receives it. */
    private static List<JsonNode> requests(SObjectComposite composite) {
        List<JsonNode> requests = new ArrayList<>();
        JSON.valueToTree(composite).path("compositeRequest").forEach(requests::add);
        return requests;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(JsonNode request) {
        return JSON.convertValue(request.at("/body/records"), List.class);
    }

    @SafeVarargs
    private static SObjectCompositeResult collection(Map<String, Object>... results) {
        return new SObjectCompositeResult(List.of(results), Map.of(), 200, null);
    }

    private static Map<String, Object> ok() {
        return Map.of("id", "001000000000001AAA", "success", true, "errors", List.of(), "created", true);
    }

    private static Map<String, Object> failed(String code, String field) {
        return Map.of("success", false, "created", false, "errors", List.of(Map.of("statusCode", code,
                "message", "refused", "fields", field == null ? List.of() : List.of(field))));
    }
}

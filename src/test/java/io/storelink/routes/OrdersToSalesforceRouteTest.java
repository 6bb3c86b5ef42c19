package io.storelink.routes;

import static io.storelink.deadletter.DeadLetterHeaders.ERROR_CLASS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.SalesforceSettings;
import io.storelink.deadletter.DeadLetterHistory;
import io.storelink.deadletter.FailureClock;
import io.storelink.kafka.CommitOffset;
import io.storelink.TestSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.metrics.SyncLatency;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.salesforce.WriterPausedException;
import io.storelink.orders.OrderBatchWriter;
import io.storelink.orders.PartitionAssignments;
import io.storelink.orders.WrittenVersions;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.model.Model;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/orders-to-salesforce.camel.yaml with the real batch writer, the salesforce-writer error handling and the
 * dead-letter routes. The batching Kafka consumer is replaced by a direct: endpoint fed what camel-kafka 4.17's
 * KafkaRecordBatchingProcessor hands over with allowManualCommit: one exchange whose body is the list of the
 * records' exchanges (Kafka headers, the record's headers as bytes, a manual commit each), with the last record's
 * commit on the batch. Salesforce's composite calls are a mock answering as Salesforce does to what was sent.
 */
class OrdersToSalesforceRouteTest extends RouteTestSupport {

    private static final String CUSTOMER_ORDER = "450789469";
    private static final String GUEST_ORDER = "450789470";

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Offsets committed, by the record whose manual commit was called. */
    private final List<Long> commits = new CopyOnWriteArrayList<>();
    private SalesforceGate gate;
    private MockEndpoint salesforce;
    private MockEndpoint deadLetterTopic;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.retry.transient.delay-ms", "1", "storelink.retry.transient.max-delay-ms", "5",
                "storelink.salesforce.pause.recheck", "10ms");
    }

    @BeforeEach
    void startRoutes() throws Exception {
        MappingSettings mapping = settings("storelink.mapping", MappingSettings.class);
        WrittenVersions versions = settings("storelink.writer.version-cache", WrittenVersionsSettings.class).cache();
        gate = salesforceGate();
        context.getRegistry().bind("salesforceGate", gate);
        context.getRegistry().bind("orderBatch", new OrderBatchWriter(new ParseOrder(json), new ParseCustomer(json),
                TestSettings.orderMapping(), TestSettings.customerMapping(), TestSettings.customers(),
                versions, new PartitionAssignments(versions), settings("storelink.salesforce", SalesforceSettings.class),
                mapping, new AppliedVersions(json, "Opportunity", "External_Shopify_Order_ID__c", "Shopify_Updated_At__c"),
                new AppliedVersions(json, "Contact", "External_Shopify_ID__c", "Shopify_Customer_Updated_At__c"),
                TestSettings.orgSchema(), new SalesforceErrors(), new SyncLatency(meters), context, meters,
                io.storelink.lineitems.LineItems.off()));
        context.getRegistry().bind("failureClock", new FailureClock());
        context.getRegistry().bind("salesforceErrors", new SalesforceErrors());
        context.getRegistry().bind("deadLetterHistory", new DeadLetterHistory(new SalesforceErrors()));
        context.getRegistry().bind("commitOffset", new CommitOffset());
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "dead-letters.camel.yaml", "orders-to-salesforce.camel.yaml");
        // the replay is another test's subject and needs beans of its own
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.removeRouteDefinition(model.getRouteDefinition("dead-letter-replay"));
        assertThat(inputUri("orders-to-salesforce")).startsWith("kafka:shopify.orders?").contains("batching=true");
        advise("orders-to-salesforce", route -> route.replaceFromWith("direct:order-batches"));
        advise("orders-salesforce-attempt", route -> route.mockEndpointsAndSkip("salesforce:*"));
        advise("dead-letter-record",
                route -> route.weaveById("publish-dead-letter").replace().to("mock:dead-letter-topic"));
        context.start();
        salesforce = getMockEndpoint("mock:salesforce:composite");
        deadLetterTopic = getMockEndpoint("mock:dead-letter-topic");
    }

    @Test
    void batchIsWrittenInOneReadAndOneWriteCallThenCommitted() throws Exception {
        salesforce.whenAnyExchangeReceived(e -> e.getMessage().setBody(answer(e, null)));

        Exchange batch = consume(order(CUSTOMER_ORDER, true), order(GUEST_ORDER, false));

        assertThat(batch.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).as("version read, then upserts").isEqualTo(2);
        JsonNode write = sent(1);
        assertThat(write.findValuesAsText("External_Shopify_Order_ID__c"))
                .containsExactlyInAnyOrder(CUSTOMER_ORDER, GUEST_ORDER);
        // the partition is committed past its last record, once
        assertThat(commits).containsExactly(11L);
        assertThat(orders("written")).isEqualTo(2);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void withinTheReserveEachCallWaitsTheSlowDelayOnCamelsSchedulerNotOnTheCallersThread() throws Exception {
        apiUsage.record("api-usage=14000/15000"); // 1,000 left: under the 10 % reserve, mode slow
        List<String> callThreads = new CopyOnWriteArrayList<>();
        salesforce.whenAnyExchangeReceived(e -> {
            callThreads.add(Thread.currentThread().getName());
            e.getMessage().setBody(answer(e, null));
        });
        Duration slowDelay = settings("storelink.salesforce.governor", io.storelink.salesforce.GovernorSettings.class).slowDelay();

        long started = System.nanoTime();
        Exchange batch = consume(order(CUSTOMER_ORDER, true));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(batch.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).as("version read, then upserts").isEqualTo(2);
        assertThat(took).as("two calls, each after the slow delay").isGreaterThanOrEqualTo(slowDelay.multipliedBy(2));
        // asyncDelayed: the wait ends on Camel's delayer thread, which then makes the call
        assertThat(callThreads).allSatisfy(t -> assertThat(t).containsIgnoringCase("delay"));
        assertThat(orders("written")).isEqualTo(1);
    }

    @Test
    void orderSalesforceRefusesIsDeadLetteredAloneAndTheBatchCommitted() throws Exception {
        salesforce.whenAnyExchangeReceived(e -> e.getMessage().setBody(answer(e, GUEST_ORDER)));
        deadLetterTopic.expectedMessageCount(1);
        deadLetterTopic.expectedHeaderReceived(ERROR_CLASS, "VALIDATION");
        deadLetterTopic.expectedHeaderReceived(KafkaConstants.OFFSET, 11L);

        Exchange batch = consume(order(CUSTOMER_ORDER, true), order(GUEST_ORDER, false));

        deadLetterTopic.assertIsSatisfied();
        assertThat(batch.getException()).isNull();
        assertThat(json.readTree(deadLetterTopic.getExchanges().get(0).getMessage().getBody(byte[].class)).path("id").asText())
                .isEqualTo(GUEST_ORDER);
        assertThat(commits).containsExactly(11L);
        assertThat(orders("written")).isEqualTo(1);
    }

    @Test
    void callThatKeepsFailingIsRetriedThenItsOrdersAreDeadLettered() throws Exception {
        salesforce.whenAnyExchangeReceived(e -> {
            throw SalesforceAnswers.rest(503, "Service Unavailable", """
                    [{"message":"Server temporarily unavailable","errorCode":"SERVER_UNAVAILABLE"}]""");
        });
        deadLetterTopic.expectedMessageCount(2);
        deadLetterTopic.expectedHeaderReceived(ERROR_CLASS, "TRANSIENT");

        Exchange batch = consume(order(CUSTOMER_ORDER, true), order(GUEST_ORDER, false));

        deadLetterTopic.assertIsSatisfied();
        assertThat(salesforce.getReceivedCounter()).as("1 attempt + 5 redeliveries").isEqualTo(6);
        assertThat(batch.getException()).isNull();
        assertThat(commits).containsExactly(11L);
    }

    @Test
    void pausedWriterFailsTheBatchSoItIsReadAgain() throws Exception {
        pause(gate, SalesforceAnswers.rest(403, "Forbidden", """
                [{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));

        Exchange batch = consume(order(CUSTOMER_ORDER, true), order(GUEST_ORDER, false));

        assertThat(batch.getException()).isInstanceOf(WriterPausedException.class);
        assertThat(salesforce.getReceivedCounter() + deadLetterTopic.getReceivedCounter()).isZero();
        assertThat(commits).isEmpty();
    }

    @Test
    void aCustomerIsWrittenAsItsAccountAndContactWithoutAnOpportunity() throws Exception {
        salesforce.whenAnyExchangeReceived(e -> e.getMessage().setBody(answer(e, null)));

        Exchange batch = consume("customers/create", sample("customers__create.json"));

        assertThat(batch.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).as("the Contact's version read, then the upserts").isEqualTo(2);
        assertThat(sent(0).path("compositeRequest").get(0).path("url").asText()).contains("FROM+Contact+");
        JsonNode write = sent(1).path("compositeRequest");
        assertThat(write).extracting(r -> r.path("url").asText().replaceFirst("^/services/data/v[0-9.]+", "")).containsExactly(
                "/composite/sobjects/Account/External_Shopify_Account_ID__c", "/composite/sobjects/Contact/External_Shopify_ID__c");
        JsonNode contact = write.get(1).path("body").path("records").get(0);
        assertThat(contact.path("External_Shopify_ID__c").asText()).isEqualTo("706405506930370084");
        assertThat(contact.path("HasOptedOutOfEmail").asBoolean()).as("no email marketing consent").isTrue();
        assertThat(contact.path("Shopify_Customer_Updated_At__c").asText()).isEqualTo("2022-01-01T00:00:00Z");
        assertThat(commits).containsExactly(10L);
        assertThat(orders("written")).isEqualTo(1);
    }

    @Test
    void aCustomerDeletionLeavesSalesforceAsItIsByDefault() throws Exception {
        Exchange batch = consume("customers/delete", sample("customers__delete.json"));

        assertThat(batch.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).as("on-delete: leave makes no call").isZero();
        assertThat(commits).containsExactly(10L);
        assertThat(orders("skipped_older")).isEqualTo(1);
    }

    private static byte[] sample(String file) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07", file));
    }

    /**
     * Why the intake does not put orders/edited on the orders topic: its payload is only an {@code order_edit}, not
     * the order, so this writer could only dead-letter it as poison. Edits go through the order changes instead.
     */
    @Test
    void anOrderEditPayloadIsNotAnOrderSoThisWriterWouldDeadLetterIt() throws Exception {
        deadLetterTopic.expectedMessageCount(1);
        deadLetterTopic.expectedHeaderReceived(ERROR_CLASS, "POISON");

        Exchange batch = consume(Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07/orders__edited.json")));

        deadLetterTopic.assertIsSatisfied();
        assertThat(batch.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).isZero();
        assertThat(orders("written")).isZero();
    }

    /** order.json as order {@code id}: the customer's, or a guest checkout's (no customer). */
    private byte[] order(String id, boolean customer) throws Exception {
        ObjectNode order = (ObjectNode) json.readTree(Files.readAllBytes(Path.of("src/test/resources/shopify/order.json")));
        order.put("id", Long.parseLong(id));
        if (!customer) {
            order.remove("customer");
        }
        return json.writeValueAsBytes(order);
    }

    /** What camel-kafka's batching consumer hands the route: records of partition 0 from offset 10 on. */
    private Exchange consume(byte[]... bodies) {
        return consume("orders/create", bodies);
    }

    private Exchange consume(String shopifyTopic, byte[]... bodies) {
        List<Exchange> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            long offset = 10 + i;
            Exchange record = new DefaultExchange(context);
            record.getMessage().setBody(bodies[i]);
            record.getMessage().setHeaders(Map.of(KafkaConstants.TOPIC, "shopify.orders", KafkaConstants.PARTITION, 0,
                    KafkaConstants.OFFSET, offset, KafkaConstants.KEY, "key-" + offset,
                    ShopifyHeaders.TOPIC, shopifyTopic.getBytes(StandardCharsets.UTF_8),
                    ShopifyHeaders.TRIGGERED_AT, "2026-07-01T12:00:00Z".getBytes(StandardCharsets.UTF_8),
                    KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) () -> commits.add(offset)));
            records.add(record);
        }
        return template.send("direct:order-batches", batch -> {
            batch.getMessage().setBody(records);
            batch.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT,
                    records.get(records.size() - 1).getMessage().getHeader(KafkaConstants.MANUAL_COMMIT));
        });
    }

    /**
     * Salesforce's answer to the composite just sent: version queries find nothing (new orders); every record of the
     * sObject Collections upserts is saved, but the Opportunity of {@code refusedOrder}.
     */
    private SObjectCompositeResponse answer(Exchange call, String refusedOrder) throws Exception {
        ObjectNode response = json.createObjectNode();
        ArrayNode results = response.putArray("compositeResponse");
        for (JsonNode sub : SalesforceAnswers.asSent(call.getMessage().getBody(SObjectComposite.class)).path("compositeRequest")) {
            ObjectNode result = results.addObject().put("httpStatusCode", 200).put("referenceId", sub.path("referenceId").asText());
            result.putObject("httpHeaders");
            if ("GET".equals(sub.path("method").asText())) {
                result.putObject("body").put("totalSize", 0).put("done", true).putArray("records");
                continue;
            }
            ArrayNode saved = result.putArray("body");
            for (JsonNode record : sub.path("body").path("records")) {
                if (record.path("External_Shopify_Order_ID__c").asText().equals(refusedOrder)) {
                    saved.addObject().put("success", false).putArray("errors").addObject()
                            .put("statusCode", "FIELD_CUSTOM_VALIDATION_EXCEPTION").put("message", "Close Date is required")
                            .putArray("fields").add("CloseDate");
                } else {
                    saved.addObject().put("id", "0065g00000AbCdEAAV").put("success", true).put("created", true).putArray("errors");
                }
            }
        }
        return SalesforceAnswers.composite(json.writeValueAsString(response));
    }

    private JsonNode sent(int call) {
        return SalesforceAnswers.asSent(salesforce.getExchanges().get(call).getMessage().getBody(SObjectComposite.class));
    }

    private double orders(String outcome) {
        return meters.get("storelink.orders").tag("writer", "orders").tag("outcome", outcome).counter().count();
    }

    /** storelink.writer.version-cache as the writer's cache is built from it. */
    record WrittenVersionsSettings(int maxOrders, Duration clockMargin) {
        WrittenVersions cache() {
            return new WrittenVersions(maxOrders, clockMargin);
        }
    }
}

package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.TestSettings;
import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.orderchanges.DeletionFields;
import io.storelink.orderchanges.EditedOrder;
import io.storelink.orderchanges.OpportunityComposite;
import io.storelink.orderchanges.OrderChangeOpportunity;
import io.storelink.orderchanges.OrderChangeSettings;
import io.storelink.orderchanges.ParseOrderChange;
import io.storelink.orderchanges.RefundFields;
import io.storelink.orderchanges.RefundTotal;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/order-changes-to-salesforce.camel.yaml as the bridge runs it: records of the fulfillments topic enter
 * fulfillments-to-salesforce (its Kafka consumer replaced by a direct: endpoint), which hands refunds/create,
 * orders/delete and orders/edited over; real beans, the salesforce-writer error handling, Salesforce's query and composite calls as mocks
 * answering Salesforce's shapes, the Admin API as canned answers, the dead-letter route and the orders topic as mocks.
 */
abstract class OrderChangesRouteFixture extends RouteTestSupport {

    static final String OPPORTUNITY_ID = "0065g00000AbCdEAAV";
    static final String ORDER_ID = "820982911946154508"; // Shopify's sample payloads' order
    static final String TRIGGERED_AT = "2026-07-01T12:00:00Z";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<String> commits = new CopyOnWriteArrayList<>();
    final AtomicInteger shopifyCalls = new AtomicInteger();
    CannedShopifyAdmin shopify;
    MockEndpoint query;
    MockEndpoint composite;
    MockEndpoint deadLetters;
    MockEndpoint ordersTopic;

    /** Values over application.yaml: fast retries, plus the test's mapping options. */
    abstract Map<String, Object> options();

    @Override
    protected Map<String, Object> testProperties() {
        Map<String, Object> p = new java.util.HashMap<>(options());
        p.putAll(Map.of("storelink.retry.transient.delay-ms", "1", "storelink.retry.transient.max-delay-ms", "5",
                "storelink.salesforce.pause.recheck", "10ms"));
        return p;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
        MappingSettings mapping = settings("storelink.mapping", MappingSettings.class);
        OrderChangeSettings changes = settings("storelink.mapping", OrderChangeSettings.class);
        SalesforceSettings salesforce = settings("storelink.salesforce", SalesforceSettings.class);
        shopify = new CannedShopifyAdmin(json) {
            @Override
            public JsonNode query(String documentName, Map<String, Object> variables) {
                shopifyCalls.incrementAndGet();
                assertThat(variables).containsEntry("id", "gid://shopify/Order/" + ORDER_ID);
                return super.query(documentName, variables);
            }
        };
        // the fulfillments writer, which hands order changes over
        FulfillmentsWriterBeans.bind(registry, json, mapping, salesforce, meters);
        // the order changes writer
        registry.bind("parseOrderChange", new ParseOrderChange(json));
        registry.bind("orderChangeOpportunity", new OrderChangeOpportunity(json));
        registry.bind("refundTotal", new RefundTotal(shopify));
        registry.bind("refundFields", new RefundFields(changes));
        registry.bind("deletionFields", new DeletionFields(changes));
        registry.bind("opportunityComposite", new OpportunityComposite(salesforce, mapping, TestSettings.orgSchema()));
        registry.bind("editedOrder", new EditedOrder(shopify, json));
    }

    @BeforeEach
    void startRoutes() throws Exception {
        SalesforceGate gate = salesforceGate();
        context.getRegistry().bind("salesforceGate", gate);
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "fulfillments-to-salesforce.camel.yaml", "order-changes-to-salesforce.camel.yaml");
        assertThat(inputUri("fulfillments-to-salesforce")).startsWith("kafka:shopify.fulfillments?");
        advise("fulfillments-to-salesforce", route -> {
            route.replaceFromWith("direct:fulfillment-events");
            route.mockEndpointsAndSkip("salesforce:*");
        });
        advise("order-changes-to-salesforce", route -> route.mockEndpointsAndSkip("salesforce:*"));
        advise("order-edits", route -> route.weaveById("enqueue-edited-order").replace().to("mock:orders-topic"));
        deadLettersToMock();
        context.start();
        query = getMockEndpoint("mock:salesforce:query");
        composite = getMockEndpoint("mock:salesforce:composite");
        deadLetters = getMockEndpoint("mock:dead-letter");
        ordersTopic = getMockEndpoint("mock:orders-topic");
        composite.whenAnyExchangeReceived(e -> e.getMessage().setBody(SalesforceAnswers.composite("""
                {"compositeResponse":[{"body":null,"httpHeaders":{},"httpStatusCode":204,"referenceId":"opportunity"}]}""")));
    }

    /** A record of the fulfillments topic as the writer's Kafka consumer hands it over. */
    Exchange consume(String topic, byte[] body) {
        KafkaManualCommit commit = () -> commits.add("committed");
        return template.send("direct:fulfillment-events", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(Map.of(ShopifyHeaders.TOPIC, topic, ShopifyHeaders.TRIGGERED_AT, TRIGGERED_AT,
                    KafkaConstants.TOPIC, "shopify.fulfillments", KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, 17L,
                    KafkaConstants.MANUAL_COMMIT, commit));
        });
    }

    /** Shopify's sample payload of the topic (refunds__create.json, orders__delete.json). */
    static byte[] sample(String topic) {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07/" + topic.replace("/", "__") + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** salesforce:query?rawPayload=true answers with the Opportunity's Id, or no record. */
    void opportunityExists(boolean exists) {
        String record = """
                {"attributes":{"type":"Opportunity","url":"/services/data/v64.0/sobjects/Opportunity/%s"},"Id":"%s"}"""
                .formatted(OPPORTUNITY_ID, OPPORTUNITY_ID);
        byte[] body = """
                {"totalSize":%d,"done":true,"records":[%s]}""".formatted(exists ? 1 : 0, exists ? record : "")
                .getBytes(StandardCharsets.UTF_8);
        query.whenAnyExchangeReceived(e -> e.getMessage().setBody(body));
    }

    /** The Admin API's answer to order-refunded. */
    void orderTotals(String refunded, String total) {
        try {
            shopify.answer("order-refunded", new ObjectMapper().readTree("""
                    {"order":{"totalRefundedSet":{"shopMoney":{"amount":"%s"}},"totalPriceSet":{"shopMoney":{"amount":"%s"}}}}"""
                    .formatted(refunded, total)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one subrequest of the composite call, as camel-salesforce puts it on the wire. */
    JsonNode sentSubrequest() {
        JsonNode request = SalesforceAnswers.asSent(composite.getExchanges().get(0).getMessage().getBody(SObjectComposite.class));
        assertThat(request.path("compositeRequest")).hasSize(1);
        return request.path("compositeRequest").get(0);
    }

    double orders(String outcome) {
        return meters.get("storelink.orders").tag("writer", "order-changes").tag("outcome", outcome).counter().count();
    }
}

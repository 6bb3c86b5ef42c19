package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.SalesforceSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.fulfillments.OpportunityNotYetInSalesforceException;
import io.storelink.salesforce.SalesforceGate;
import io.storelink.salesforce.WriterPausedException;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/fulfillments-to-salesforce.camel.yaml with its real beans and the salesforce-writer error handling: the
 * Kafka consumer is replaced by a direct: endpoint, Salesforce's query and composite calls by mocks answering with
 * Salesforce's shapes, the dead-letter route by a mock.
 */
class FulfillmentsToSalesforceRouteTest extends RouteTestSupport {

    private static final Path FULFILLMENT = Path.of("src/test/resources/shopify/fulfillment.json");
    private static final String OPPORTUNITY_ID = "0065g00000AbCdEAAV";
    /** fulfillment.json's updated_at, 2013-11-01T16:06:08-04:00, as Salesforce writes a datetime. */
    private static final String FULFILLMENT_VERSION = "2013-11-01T20:06:08.000+0000";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> commits = new CopyOnWriteArrayList<>();
    private SalesforceGate gate;
    private MockEndpoint query;
    private MockEndpoint composite;
    private MockEndpoint deadLetters;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.retry.transient.delay-ms", "1", "storelink.retry.transient.max-delay-ms", "5",
                "storelink.salesforce.pause.recheck", "10ms");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        // Spring Boot's ObjectMapper as the bridge gets it (java.time, unknown properties ignored)
        ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
        MappingSettings mapping = settings("storelink.mapping", MappingSettings.class);
        FulfillmentsWriterBeans.bind(registry, json, mapping, settings("storelink.salesforce", SalesforceSettings.class), meters);
    }

    @BeforeEach
    void startRoute() throws Exception {
        gate = salesforceGate();
        context.getRegistry().bind("salesforceGate", gate);
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "fulfillments-to-salesforce.camel.yaml");
        assertThat(inputUri("fulfillments-to-salesforce")).startsWith("kafka:shopify.fulfillments?");
        advise("fulfillments-to-salesforce", route -> {
            route.replaceFromWith("direct:fulfillment-events");
            route.mockEndpointsAndSkip("salesforce:*");
        });
        deadLettersToMock();
        context.start();
        query = getMockEndpoint("mock:salesforce:query");
        composite = getMockEndpoint("mock:salesforce:composite");
        deadLetters = getMockEndpoint("mock:dead-letter");
    }

    @Test
    void newerFulfillmentIsWrittenToItsOpportunityThenCommitted() throws Exception {
        answerQuery(OPPORTUNITY_ID, "2013-11-01T10:00:00.000+0000");
        answerComposite("""
                {"compositeResponse":[{"body":null,"httpHeaders":{},"httpStatusCode":204,"referenceId":"tracking"}]}""");
        query.expectedHeaderReceived("sObjectQuery",
                "SELECT Id, Tracking_Updated_At__c FROM Opportunity WHERE External_Shopify_Order_ID__c = '450789469'");
        composite.expectedMessageCount(1);

        Exchange result = consume(Files.readAllBytes(FULFILLMENT));

        MockEndpoint.assertIsSatisfied(query, composite);
        assertThat(result.getException()).isNull();
        // the request as camel-salesforce puts it on the wire
        JsonNode request = SalesforceAnswers.asSent(composite.getExchanges().get(0).getMessage().getBody(SObjectComposite.class));
        assertThat(request.path("compositeRequest")).hasSize(1);
        JsonNode patch = request.path("compositeRequest").get(0);
        assertThat(patch.path("method").asText()).isEqualTo("PATCH");
        assertThat(patch.path("url").asText()).endsWith("/sobjects/Opportunity/" + OPPORTUNITY_ID);
        assertThat(patch.path("body").path("Tracking_Number__c").asText()).isEqualTo("1Z2345");
        assertThat(commits).containsExactly("committed");
        assertThat(orders("written")).isEqualTo(1);
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void fulfillmentTheOpportunityAlreadyShowsIsSkippedAndCommitted() throws Exception {
        answerQuery(OPPORTUNITY_ID, FULFILLMENT_VERSION);
        composite.expectedMessageCount(0);

        Exchange result = consume(Files.readAllBytes(FULFILLMENT));

        composite.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        assertThat(commits).containsExactly("committed");
        assertThat(orders("skipped_older")).isEqualTo(1);
    }

    @Test
    void fulfillmentOfAnOrderNotInSalesforceYetIsRetriedAsTransientThenDeadLettered() throws Exception {
        query.whenAnyExchangeReceived(e -> e.getMessage().setBody(queryResult("")));

        consume(Files.readAllBytes(FULFILLMENT));

        // each redelivery queries Salesforce again: the order's event may have arrived meanwhile
        assertThat(query.getReceivedCounter()).isEqualTo(6);
        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(OpportunityNotYetInSalesforceException.class));
        assertThat(composite.getReceivedCounter()).isZero();
    }

    @Test
    void fulfillmentSalesforceRefusesIsDeadLetteredAtOnce() throws Exception {
        answerQuery(OPPORTUNITY_ID, null);
        answerComposite("""
                {"compositeResponse":[{"body":[{"errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Tracking URL must be https","fields":["Tracking_URL__c"]}],"httpHeaders":{},"httpStatusCode":400,"referenceId":"tracking"}]}""");

        Exchange result = consume(Files.readAllBytes(FULFILLMENT));

        assertThat(composite.getReceivedCounter()).isEqualTo(1);
        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(SalesforceException.class));
        // the dead-letter route commits once the dead letter is stored
        assertThat(result.getException()).isNull();
        assertThat(commits).isEmpty();
    }

    @Test
    void payloadThatIsNotAFulfillmentIsDeadLetteredWithoutCallingSalesforce() {
        consume("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(deadLetter -> assertThat(
                deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(PoisonPayloadException.class));
        assertThat(query.getReceivedCounter() + composite.getReceivedCounter()).isZero();
    }

    @Test
    void pausedWriterLeavesTheEventInKafka() throws Exception {
        pause(gate, SalesforceAnswers.rest(403, "Forbidden", """
                [{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""));

        Exchange result = consume(Files.readAllBytes(FULFILLMENT));

        assertThat(result.getException()).isInstanceOf(WriterPausedException.class);
        assertThat(query.getReceivedCounter() + composite.getReceivedCounter() + deadLetters.getReceivedCounter()).isZero();
        assertThat(commits).isEmpty();
    }

    /** A record as the writer's Kafka consumer hands it over: raw bytes, Shopify's headers, a manual commit. */
    private Exchange consume(byte[] body) {
        KafkaManualCommit commit = () -> commits.add("committed");
        return template.send("direct:fulfillment-events", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(Map.of(ShopifyHeaders.TOPIC, "fulfillments/update",
                    ShopifyHeaders.TRIGGERED_AT, "2026-07-01T12:00:00Z", KafkaConstants.TOPIC, "shopify.fulfillments",
                    KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, 17L, KafkaConstants.MANUAL_COMMIT, commit));
        });
    }

    /** salesforce:query?rawPayload=true answers the JSON of a SOQL result. */
    private void answerQuery(String id, String trackingUpdatedAt) {
        String version = trackingUpdatedAt == null ? "null" : "\"" + trackingUpdatedAt + "\"";
        String record = """
                {"attributes":{"type":"Opportunity","url":"/services/data/v64.0/sobjects/Opportunity/%s"},"Id":"%s","Tracking_Updated_At__c":%s}"""
                .formatted(id, id, version);
        query.whenAnyExchangeReceived(e -> e.getMessage().setBody(queryResult(record)));
    }

    private static byte[] queryResult(String records) {
        int size = records.isEmpty() ? 0 : 1;
        return """
                {"totalSize":%d,"done":true,"records":[%s]}""".formatted(size, records).getBytes(StandardCharsets.UTF_8);
    }

    /** salesforce:composite answers camel-salesforce's unmarshalled SObjectCompositeResponse. */
    private void answerComposite(String json) {
        SObjectCompositeResponse response = SalesforceAnswers.composite(json);
        composite.whenAnyExchangeReceived(e -> e.getMessage().setBody(response));
    }

    private double orders(String outcome) {
        return meters.get("storelink.orders").tag("writer", "fulfillments").tag("outcome", outcome).counter().count();
    }
}

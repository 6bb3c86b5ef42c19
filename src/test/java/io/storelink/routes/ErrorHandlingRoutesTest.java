package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.deadletter.FailureClock;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.salesforce.WriterPausedException;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.WebhookCounter;
import io.storelink.shopify.WebhookRejectedException;
import io.storelink.shopify.admin.ShopifyAccessException;
import io.storelink.shopify.admin.ShopifyHealth;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * routes/error-handling.camel.yaml: each route configuration's treatment of each error class, with the exceptions
 * camel-salesforce really throws (see {@link SalesforceAnswers}) raised by a mock standing in for Salesforce in small
 * routes that use the configurations as the real routes do. Redelivery delays are shrunk to milliseconds; the attempts
 * and the backoff factor are the YAML's own.
 */
class ErrorHandlingRoutesTest extends RouteTestSupport {

    private static final String ORDER = "{\"id\":820982911946154508}";

    private final PauseRecorder salesforceGate = new PauseRecorder();
    private final ShopifyHealth shopifyHealth = new ShopifyHealth();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();

    private MockEndpoint salesforce;
    private MockEndpoint deadLetters;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.retry.transient.delay-ms", "10", "storelink.retry.transient.max-delay-ms", "100",
                "storelink.retry.duplicate.delay-ms", "10");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("failureClock", new FailureClock());
        registry.bind("salesforceErrors", new SalesforceErrors());
        registry.bind("salesforceGate", salesforceGate);
        registry.bind("webhookCounter", new WebhookCounter(meters));
        registry.bind("shopifyHealth", shopifyHealth);
    }

    @BeforeEach
    void startRoutes() throws Exception {
        loadRoutes("error-handling.camel.yaml");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // like a writer: the message is changed before the call, so the dead letter shows useOriginalMessage
                from("direct:write").routeConfigurationId("salesforce-writer")
                        .setBody(simple("mapped ${body}")).setHeader("sObjectName", constant("Opportunity"))
                        .to("mock:salesforce");
                from("direct:dead-letter").to("mock:dead-letter");
                from("direct:webhook").routeConfigurationId("webhook-intake").to("mock:kafka");
                from("direct:poll").routeId("reconciliation").routeConfigurationId("shopify-poller")
                        .to("mock:shopify-admin");
            }
        });
        context.start();
        salesforce = getMockEndpoint("mock:salesforce");
        deadLetters = getMockEndpoint("mock:dead-letter");
    }

    static Stream<Arguments> validation() {
        return Stream.of(
                Arguments.of(SalesforceAnswers.rest(400, "Bad Request", """
                        [{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]""")),
                Arguments.of(SalesforceAnswers.rest(400, "Bad Request", """
                        [{"message":"Shopify_Updated_At__c is older than the stored version","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":[]}]""")),
                Arguments.of(SalesforceAnswers.rest(400, "Bad Request", """
                        [{"message":"No such column 'External_Shopify_Order_ID__c' on sobject of type Opportunity","errorCode":"INVALID_FIELD"}]""")),
                Arguments.of(SalesforceAnswers.rest(400, "Bad Request", """
                        [{"message":"Name: data value too large","errorCode":"STRING_TOO_LONG","fields":["Name"]}]""")));
    }

    @ParameterizedTest
    @MethodSource("validation")
    void validationIsDeadLetteredAtOnceWithTheOriginalMessage(Exception failure) throws Exception {
        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).as("attempts").isEqualTo(1);
        assertDeadLettered(result, failure, 1);
    }

    @Test
    void duplicateValueIsRedeliveredThreeTimesThenDeadLettered() throws Exception {
        Exception failure = SalesforceAnswers.rest(400, "Bad Request", """
                [{"message":"duplicate value found: External_Shopify_Order_ID__c duplicates value on record with id: 0065g00000AbCdE","errorCode":"DUPLICATE_VALUE","fields":[]}]""");

        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).as("attempts").isEqualTo(4);
        assertThat(redeliveryCounters()).containsExactly(null, 1, 2, 3);
        assertDeadLettered(result, failure, 4);
    }

    @Test
    void duplicateValueThatSucceedsOnRedeliveryIsNoDeadLetter() {
        // the other upsert created the record: the retry is an update
        Exception failure = SalesforceAnswers.rest(400, "Bad Request", """
                [{"message":"duplicate value found","errorCode":"DUPLICATE_VALUE","fields":[]}]""");
        salesforce.whenExchangeReceived(1, e -> {
            throw failure;
        });

        Exchange result = template.send("direct:write", e -> e.getIn().setBody(ORDER));

        assertThat(result.getException()).isNull();
        assertThat(salesforce.getReceivedCounter()).isEqualTo(2);
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of(SalesforceAnswers.rest(503, "Service Unavailable", """
                        [{"message":"Server temporarily unavailable","errorCode":"SERVER_UNAVAILABLE"}]""")),
                Arguments.of(SalesforceAnswers.rest(400, "Bad Request", """
                        [{"message":"unable to obtain exclusive access to this record or 1 records: 0065g00000AbCdE","errorCode":"UNABLE_TO_LOCK_ROW","fields":[]}]""")),
                Arguments.of(SalesforceAnswers.noAnswer(new SocketTimeoutException("Read timed out"))),
                Arguments.of(new SocketTimeoutException("Read timed out")));
    }

    @ParameterizedTest
    @MethodSource("transientFailures")
    void transientFailureIsRedeliveredFiveTimesWithGrowingDelaysThenDeadLettered(Exception failure) throws Exception {
        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).as("attempts").isEqualTo(6);
        assertThat(redeliveryCounters()).containsExactly(null, 1, 2, 3, 4, 5);
        // delay 10 ms, x3 each time (+/-15 % jitter), at most 100 ms: at least 8, 21, 55, 100, 100 ms
        List<Long> waits = waitsMillis();
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(8);
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(21);
        assertThat(waits.get(2)).isGreaterThanOrEqualTo(55);
        assertThat(waits.subList(3, 5)).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(99));
        // capped at max-delay-ms: without the cap the last wait would be at least 355 ms (810 ms without jitter)
        assertThat(waits.get(4)).isLessThan(300);
        assertDeadLettered(result, failure, 6);
    }

    static Stream<Arguments> pausing() {
        return Stream.of(
                // lazy login (camel.component.salesforce.lazy-login): the producer wraps the token endpoint's refusal
                Arguments.of(RuntimeCamelException.wrapRuntimeCamelException(SalesforceAnswers.login("""
                        {"error":"invalid_grant","error_description":"authentication failure"}"""))),
                Arguments.of(SalesforceAnswers.rest(403, "Forbidden", """
                        [{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""")));
    }

    @ParameterizedTest
    @MethodSource("pausing")
    void loginFailureAndUsedUpAllowancePauseTheWriterAndFailTheExchange(Exception failure) throws Exception {
        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).as("attempts").isEqualTo(1);
        assertThat(salesforceGate.paused).containsExactly(failure);
        // not handled: the record stays uncommitted in Kafka
        assertThat(result.getException()).isSameAs(failure);
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void pausedWriterFailsTheExchangeWithoutRetryOrDeadLetter() throws Exception {
        WriterPausedException failure = new WriterPausedException("Salesforce writer paused");

        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).isEqualTo(1);
        assertThat(result.getException()).isSameAs(failure);
        assertThat(salesforceGate.paused).isEmpty();
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void poisonPayloadIsDeadLetteredAtOnce() throws Exception {
        PoisonPayloadException failure = new PoisonPayloadException("not a JSON object", null);

        Exchange result = write(failure);

        assertThat(salesforce.getReceivedCounter()).isEqualTo(1);
        assertDeadLettered(result, failure, 1);
    }

    static Stream<Arguments> webhookFailures() {
        return Stream.of(
                Arguments.of(new WebhookRejectedException(401, "webhook signature does not match"), 401,
                        "webhook signature does not match", "unauthorized"),
                Arguments.of(new WebhookRejectedException(413, "webhook body larger than 5242880 bytes"), 413,
                        "webhook body larger than 5242880 bytes", "too_large"),
                // Kafka did not acknowledge within max.block.ms / delivery.timeout.ms
                Arguments.of(new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s) for shopify.orders-0"),
                        503, "event not stored, retry later", "unavailable"));
    }

    @ParameterizedTest
    @MethodSource("webhookFailures")
    void failedWebhookIsAnsweredWithStatusAndReasonOnlyAndCounted(Exception failure, int status, String body,
            String outcome) {
        getMockEndpoint("mock:kafka").whenAnyExchangeReceived(e -> {
            throw failure;
        });

        Exchange answer = template.send("direct:webhook", e -> e.getIn().setHeaders(shopifyHeaders()));

        assertThat(answer.getException()).isNull();
        // nothing of the request echoes back: the status header only
        assertThat(answer.getMessage().getHeaders().keySet()).containsExactly(Exchange.HTTP_RESPONSE_CODE);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(status);
        assertThat(answer.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(webhooks("orders/create", outcome)).isEqualTo(1);
    }

    @Test
    void pollerRefusedByShopifyIsSkippedAndReportedInHealth() {
        getMockEndpoint("mock:shopify-admin").whenAnyExchangeReceived(e -> {
            throw new ShopifyAccessException("Shopify refused scope read_orders", "read_orders");
        });

        Exchange result = template.send("direct:poll", e -> { });

        assertThat(result.getException()).isNull();
        assertThat(shopifyHealth.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(shopifyHealth.health().getDetails().get("reconciliation").toString())
                .contains("Shopify refused scope read_orders");
    }

    @Test
    void pollerFailureIsHandledAndLeftToTheNextRun() {
        getMockEndpoint("mock:shopify-admin").whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("checkpoint topic unavailable");
        });

        Exchange result = template.send("direct:poll", e -> { });

        assertThat(result.getException()).isNull();
        assertThat(getMockEndpoint("mock:shopify-admin").getReceivedCounter()).isEqualTo(1);
        assertThat(shopifyHealth.health().getStatus().getCode()).isEqualTo("UP");
    }

    /** Sends an order event through the writer route, Salesforce failing every attempt with {@code failure}. */
    private Exchange write(Exception failure) {
        salesforce.whenAnyExchangeReceived(e -> {
            attemptTimes.add(System.nanoTime());
            throw failure;
        });
        return template.send("direct:write", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeader("kafka.OFFSET", 42L);
        });
    }

    /** The error handler runs in the sending thread: by the time send returns, the dead letter is there. */
    private void assertDeadLettered(Exchange result, Exception failure, int attempts) {
        assertThat(deadLetters.getExchanges()).hasSize(1);
        Exchange deadLetter = deadLetters.getExchanges().get(0);
        // useOriginalMessage: the body and headers as the route received them
        assertThat(deadLetter.getMessage().getBody(String.class)).isEqualTo(ORDER);
        assertThat(deadLetter.getMessage().getHeaders()).containsEntry("kafka.OFFSET", 42L).doesNotContainKey("sObjectName");
        assertThat(deadLetter.getProperty(Exchange.EXCEPTION_CAUGHT)).isSameAs(failure);
        assertThat(deadLetter.getProperty(FailureClock.COUNT)).as("failed attempts counted").isEqualTo(attempts);
        // handled: the writer commits the offset once the dead letter is stored
        assertThat(result.getException()).isNull();
        assertThat(salesforceGate.paused).isEmpty();
    }

    private List<Integer> redeliveryCounters() {
        return salesforce.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).toList();
    }

    private List<Long> waitsMillis() {
        return IntStream.range(1, attemptTimes.size())
                .mapToObj(i -> (attemptTimes.get(i) - attemptTimes.get(i - 1)) / 1_000_000).toList();
    }

    private double webhooks(String topic, String outcome) {
        return meters.get(WebhookCounter.NAME).tag("topic", topic).tag("outcome", outcome).counter().count();
    }

    private static Map<String, Object> shopifyHeaders() {
        return Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "b54557e4",
                "X-Shopify-Hmac-Sha256", "c2lnbmF0dXJl", "Content-Type", "application/json");
    }

    /** salesforceGate without the outside world: records what the error handler paused for. */
    public static class PauseRecorder {
        final List<Throwable> paused = new CopyOnWriteArrayList<>();

        public void pause(Exchange exchange) {
            paused.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
    }
}

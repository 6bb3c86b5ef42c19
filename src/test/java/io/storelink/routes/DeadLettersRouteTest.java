package io.storelink.routes;

import static io.storelink.deadletter.DeadLetterHeaders.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.deadletter.DeadLetterHistory;
import io.storelink.deadletter.FailureClock;
import io.storelink.deadletter.ReplayRun;
import io.storelink.deadletter.ReplayTopic;
import io.storelink.kafka.CommitOffset;
import io.storelink.salesforce.SalesforceErrors;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/dead-letters.camel.yaml: a writer's dead letter goes to the dead-letter topic with its story, and only then
 * is the source offset committed; a batch's is handed to the batch; the replay sends dead letters back to their
 * source topic, keeps those of another errorCode and stops at its own. Kafka producers and the replay's consumer
 * are advised into mocks and a direct: endpoint.
 */
class DeadLettersRouteTest extends RouteTestSupport {

    private static final byte[] ORDER = "{\"id\":820982911946154508}".getBytes(StandardCharsets.UTF_8);
    private static final String REPLAY = "dead-letter-replay";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** What happened, in order: published to a topic, offset committed, batch refused. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private ReplayRun replayRun;
    private MockEndpoint deadLetterTopic;
    private MockEndpoint sourceTopic;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("deadLetterHistory", new DeadLetterHistory(new SalesforceErrors()));
        registry.bind("commitOffset", new CommitOffset());
        registry.bind("orderBatch", new BatchRecorder(events));
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
    }

    @BeforeEach
    void startRoutes() throws Exception {
        replayRun = new ReplayRun(context, context.resolvePropertyPlaceholders("{{storelink.replay.error-code}}"));
        context.getRegistry().bind("replayRun", replayRun);
        context.getRegistry().bind("replayTopic",
                new ReplayTopic(context.resolvePropertyPlaceholders("{{storelink.kafka.orders-topic}}")));
        loadRoutes("error-handling.camel.yaml", "dead-letters.camel.yaml");
        assertThat(endpointUri("dead-letter-record", "publish-dead-letter")).isEqualTo("kafka:shopify.orders.dlq");
        assertThat(endpointUri(REPLAY, "keep-dead-letter")).isEqualTo("kafka:shopify.orders.dlq");
        advise("dead-letter-record",
                route -> route.weaveById("publish-dead-letter").replace().to("mock:dead-letter-topic"));
        advise(REPLAY, route -> {
            route.replaceFromWith("direct:replay");
            route.weaveById("keep-dead-letter").replace().to("mock:dead-letter-topic");
            route.weaveById("replay-to-source-topic").replace().to("mock:source-topic");
        });
        context.start();
        deadLetterTopic = getMockEndpoint("mock:dead-letter-topic");
        sourceTopic = getMockEndpoint("mock:source-topic");
        deadLetterTopic.whenAnyExchangeReceived(e -> events.add("published"));
        sourceTopic.whenAnyExchangeReceived(e -> events.add("replayed"));
    }

    @Test
    void writerRecordIsPublishedWithItsStoryThenCommitted() throws Exception {
        Exception failure = SalesforceAnswers.rest(400, "Bad Request", """
                [{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]""");
        deadLetterTopic.expectedBodiesReceived((Object) ORDER);

        template.send("direct:dead-letter", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(consumed("shopify.fulfillments", 2, 42L));
            e.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
            e.setProperty(FailureClock.COUNT, 1);
            e.setProperty("writer", "fulfillments");
        });

        deadLetterTopic.assertIsSatisfied();
        assertThat(deadLetterTopic.getExchanges().get(0).getMessage().getHeaders()).containsAllEntriesOf(Map.of(
                ERROR_CLASS, "VALIDATION", ERROR_CODES, "REQUIRED_FIELD_MISSING", ERROR_FIELDS, "LastName",
                ATTEMPTS, "1", SOURCE_TOPIC, "shopify.fulfillments", SOURCE_PARTITION, "2", SOURCE_OFFSET, "42"));
        assertThat(events).containsExactly("published", "committed");
        assertThat(meters.get("storelink.orders").tag("writer", "fulfillments").tag("outcome", "dead_lettered")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("storelink.dead.letters").tag("error_class", "validation").counter().count()).isEqualTo(1);
    }

    @Test
    void deadLetterTheTopicRefusedIsNotCommitted() {
        deadLetterTopic.whenAnyExchangeReceived(e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Topic shopify.orders.dlq not present in metadata");
        });

        Exchange result = template.send("direct:dead-letter", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(consumed("shopify.orders", 0, 7L));
        });

        // the exchange fails, the record stays uncommitted and is read again
        assertThat(result.getException()).isNotNull();
        assertThat(events).doesNotContain("committed");
    }

    @Test
    void batchRecordIsHandedToItsBatch() {
        template.send("direct:dead-letter", e -> {
            e.getIn().setBody(ORDER);
            e.setProperty("orderBatch", "the batch's state");
        });

        // the batch puts each refused order on the topic and commits once all its records are done
        assertThat(events).containsExactly("refused");
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void replayReturnsADeadLetterToItsSourceTopicWithItsHistory() throws Exception {
        context.getRouteController().startRoute(REPLAY);
        sourceTopic.expectedBodiesReceived((Object) ORDER);
        sourceTopic.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "shopify.fulfillments");
        sourceTopic.expectedHeaderReceived(PREVIOUS_ERROR_CLASS, "TRANSIENT");
        sourceTopic.expectedHeaderReceived(REPLAYS, "1");

        template.send("direct:replay", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(deadLetter("UNABLE_TO_LOCK_ROW", Instant.now().minusSeconds(600)));
        });

        sourceTopic.assertIsSatisfied();
        assertThat(sourceTopic.getExchanges().get(0).getMessage().getHeaders()).doesNotContainKey(ERROR_CLASS);
        assertThat(events).containsExactly("replayed", "committed");
    }

    @Test
    void replayThatCannotPublishLeavesTheDeadLetterUncommitted() throws Exception {
        context.getRouteController().startRoute(REPLAY);
        sourceTopic.whenAnyExchangeReceived(e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Topic shopify.fulfillments not present in metadata");
        });

        Exchange result = template.send("direct:replay", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(deadLetter("UNABLE_TO_LOCK_ROW", Instant.now().minusSeconds(600)));
        });

        // the dead-letter-replay configuration: not handled, no redelivery; the next replay reads it again
        assertThat(result.getException()).isNotNull();
        assertThat(sourceTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void replayOfOneErrorCodeKeepsTheOthersOnTheDeadLetterTopic() throws Exception {
        replayRun.requestErrorCode("REQUIRED_FIELD_MISSING");
        context.getRouteController().startRoute(REPLAY);
        deadLetterTopic.expectedMessageCount(1);
        deadLetterTopic.expectedHeaderReceived(ERROR_CODES, "UNABLE_TO_LOCK_ROW".getBytes(StandardCharsets.UTF_8));

        template.send("direct:replay", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(deadLetter("UNABLE_TO_LOCK_ROW", Instant.now().minusSeconds(600)));
        });

        deadLetterTopic.assertIsSatisfied();
        assertThat(deadLetterTopic.getExchanges().get(0).getMessage().getHeader(KEPT_AT)).isNotNull();
        assertThat(events).containsExactly("published", "committed");
    }

    @Test
    void replayStopsAtADeadLetterWrittenSinceItStarted() throws Exception {
        context.getRouteController().startRoute(REPLAY);

        template.send("direct:replay", e -> {
            e.getIn().setBody(ORDER);
            e.getIn().setHeaders(deadLetter("UNABLE_TO_LOCK_ROW", Instant.now().plusSeconds(1)));
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getRouteController().getRouteStatus(REPLAY).isStopped());
        // neither replayed nor committed: the next replay reads it again
        assertThat(events).isEmpty();
    }

    /** Headers of a record as the writer's consumer received it, with its manual commit handle. */
    private Map<String, Object> consumed(String topic, int partition, long offset) {
        KafkaManualCommit commit = () -> events.add("committed");
        return new HashMap<>(Map.of(KafkaConstants.TOPIC, topic, KafkaConstants.PARTITION, partition,
                KafkaConstants.OFFSET, offset, KafkaConstants.MANUAL_COMMIT, commit));
    }

    /** A dead letter as the replay's consumer reads it: its story headers arrive as bytes. */
    private Map<String, Object> deadLetter(String errorCode, Instant lastFailure) {
        Map<String, Object> headers = consumed("shopify.orders.dlq", 0, 3L);
        Map.of(ERROR_CLASS, "TRANSIENT", ERROR_CODES, errorCode, ATTEMPTS, "6", LAST_FAILURE, lastFailure.toString(),
                        SOURCE_TOPIC, "shopify.fulfillments")
                .forEach((name, value) -> headers.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** orderBatch without a batch: records that the dead-letter route handed it the current call. */
    public record BatchRecorder(List<String> events) {
        public void refuseCurrentCall(Exchange exchange) {
            events.add("refused");
        }
    }
}

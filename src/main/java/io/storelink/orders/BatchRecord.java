package io.storelink.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.deadletter.DeadLetterHeaders;
import io.storelink.metrics.SyncLatency;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.model.ShopifyCustomer;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;

/**
 * One Kafka record of a batch: where it came from, the order or customer it carries, and what became of it.
 * A customers/delete carries no version of its own: the deletion's time (Shopify's X-Shopify-Triggered-At, else the
 * record's time) stands for it.
 */
final class BatchRecord {

    enum Outcome { PENDING, WRITTEN, SKIPPED, REFUSED }

    final Exchange exchange;
    final int partition;
    final long offset;
    final String topic;
    final Subject subject;       // null when the payload is neither an order nor a customer (refused as poison)
    final ShopifyOrder order;    // an order event's order, else null
    final ShopifyCustomer customer;   // a customer event's customer, else null
    final boolean deletion;      // customers/delete
    private final Function<byte[], JsonNode> trees;   // the record's JSON tree from its bytes
    private JsonNode payload;    // the tree while it is mapped (held: read once), else read again when asked
    final boolean replay;        // a dead letter an operator replayed (storelink-replays)
    private final Instant version;
    private final Instant createdAt;
    Outcome outcome = Outcome.PENDING;
    Exception failure;
    String skipReason;
    RecordUpserts mapped;        // its Salesforce records, once it is to be written
    boolean toWrite;             // newer than what Salesforce has
    boolean syncLines;           // an order whose line items are written after its Opportunity (io.storelink.lineitems)
    boolean linesDue;            // its Opportunity is written, its line items not yet
    Map<String, Object> history = Map.of();   // attempts and failure times of a call that gave up

    private BatchRecord(Exchange exchange, Subject subject, ShopifyOrder order, ShopifyCustomer customer, boolean deletion,
            Function<byte[], JsonNode> trees, Instant version, Instant createdAt) {
        this.exchange = exchange;
        this.partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
        this.offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
        this.topic = exchange.getMessage().getHeader(ShopifyHeaders.TOPIC, String.class);
        this.replay = exchange.getMessage().getHeader(DeadLetterHeaders.REPLAYS) != null;
        this.subject = subject;
        this.order = order;
        this.customer = customer;
        this.deletion = deletion;
        this.trees = trees;
        this.version = version;
        this.createdAt = createdAt;
    }

    /** An order event: the order read from the record's bytes, its JSON tree read from them when asked ({@code trees}). */
    static BatchRecord order(Exchange exchange, ShopifyOrder o, Function<byte[], JsonNode> trees) {
        return new BatchRecord(exchange, Subject.order(o.id()), o, null, false, trees, instant(o.updatedAt()),
                instant(o.createdAt()));
    }

    static BatchRecord customer(Exchange exchange, ShopifyCustomer c, Function<byte[], JsonNode> trees, boolean deletion) {
        Instant version = deletion ? deletedAt(exchange) : instant(c.updatedAt());
        return new BatchRecord(exchange, Subject.customer(c.id()), null, c, deletion, trees, version,
                instant(c.createdAt()));
    }

    /** A payload that could not be read: refused as poison. */
    static BatchRecord poison(Exchange exchange, Exception failure) {
        BatchRecord r = new BatchRecord(exchange, null, null, null, false, null, null, null);
        r.refused(failure);
        return r;
    }

    Subject subject() {
        return subject;
    }

    /**
     * The JSON tree, what configured field paths and line items read. Not kept with the record: a batch holds up to
     * 1,000 records and a 15 KB order's tree ~85 KB; {@link #holdPayload} keeps it while the record is mapped.
     */
    JsonNode payload() {
        return payload != null ? payload : trees.apply(exchange.getMessage().getBody(byte[].class));
    }

    /** Reads the tree once for the steps that follow, until {@link #dropPayload}. */
    void holdPayload() {
        payload = payload();
    }

    void dropPayload() {
        payload = null;
    }

    boolean holdsPayload() {
        return payload != null;
    }

    boolean isCustomer() {
        return customer != null;
    }

    Instant version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    void written() {
        outcome = Outcome.WRITTEN;
    }

    void skipped(String reason) {
        outcome = Outcome.SKIPPED;
        skipReason = reason;
    }

    void refused(Exception e) {
        outcome = Outcome.REFUSED;
        failure = e;
    }

    boolean pending() {
        return outcome == Outcome.PENDING;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant deletedAt(Exchange exchange) {
        Instant triggered = SyncLatency.triggeredAt(exchange.getMessage().getHeader(ShopifyHeaders.TRIGGERED_AT, String.class));
        if (triggered != null) {
            return triggered;
        }
        Long timestamp = exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        return timestamp == null ? null : Instant.ofEpochMilli(timestamp);
    }
}

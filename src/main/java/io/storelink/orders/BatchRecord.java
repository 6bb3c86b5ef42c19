package io.storelink.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.deadletter.DeadLetterHeaders;
import io.storelink.metrics.SyncLatency;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyCustomer;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

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
    final JsonNode payload;      // the JSON, what configured field paths read
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
            JsonNode payload, Instant version, Instant createdAt) {
        this.exchange = exchange;
        this.partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
        this.offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
        this.topic = exchange.getMessage().getHeader(ShopifyHeaders.TOPIC, String.class);
        this.replay = exchange.getMessage().getHeader(DeadLetterHeaders.REPLAYS) != null;
        this.subject = subject;
        this.order = order;
        this.customer = customer;
        this.deletion = deletion;
        this.payload = payload;
        this.version = version;
        this.createdAt = createdAt;
    }

    static BatchRecord order(Exchange exchange, ShopifyPayload<ShopifyOrder> parsed) {
        ShopifyOrder o = parsed.value();
        return new BatchRecord(exchange, Subject.order(o.id()), o, null, false, parsed.json(), instant(o.updatedAt()),
                instant(o.createdAt()));
    }

    static BatchRecord customer(Exchange exchange, ShopifyPayload<ShopifyCustomer> parsed, boolean deletion) {
        ShopifyCustomer c = parsed.value();
        Instant version = deletion ? deletedAt(exchange) : instant(c.updatedAt());
        return new BatchRecord(exchange, Subject.customer(c.id()), null, c, deletion, parsed.json(), version,
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

package io.storelink.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Instant;
import java.util.Map;

/** One Kafka record of a batch: where it came from, the order it carries, and what became of it. */
final class BatchRecord {

    enum Outcome { PENDING, WRITTEN, SKIPPED, REFUSED }

    final Exchange exchange;
    final int partition;
    final long offset;
    final ShopifyOrder order;   // null when the payload is not an order (refused as poison)
    final JsonNode payload;     // the order's JSON, what configured field paths read
    Outcome outcome = Outcome.PENDING;
    Exception failure;
    String skipReason;
    OrderUpserts mapped;        // its Salesforce records, once it is to be written
    boolean toWrite;            // newer than what Salesforce has
    boolean syncLines;          // its line items are written after its Opportunity (io.storelink.lineitems)
    boolean linesDue;           // its Opportunity is written, its line items not yet
    Map<String, Object> history = Map.of();   // attempts and failure times of a call that gave up

    BatchRecord(Exchange exchange, ShopifyPayload<ShopifyOrder> parsed) {
        this.exchange = exchange;
        this.partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
        this.offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
        this.order = parsed == null ? null : parsed.value();
        this.payload = parsed == null ? null : parsed.json();
    }

    long orderId() {
        return order.id();
    }

    Instant version() {
        return order.updatedAt() == null ? null : order.updatedAt().toInstant();
    }

    Instant createdAt() {
        return order.createdAt() == null ? null : order.createdAt().toInstant();
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
}

package io.storelink.orders;

import io.storelink.config.SalesforceSettings;
import io.storelink.deadletter.FailureClock;
import io.storelink.lineitems.LineItems;
import io.storelink.logging.ShopifyEventMdc;
import io.storelink.mapping.MappingSettings;
import io.storelink.metrics.SyncLatency;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.salesforce.ErrorClass;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.customers.CustomerMapping;
import io.storelink.customers.CustomerSettings;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.ShopifyHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The orders writer's steps for a batch of Kafka records (routes/orders-to-salesforce.camel.yaml): open the batch,
 * hand out its Salesforce calls one by one and take their answers, refuse the orders of a call that cannot succeed,
 * and finish: dead letters one by one, counts, log lines, offsets committed per partition.
 * <p>
 * Written by hand because camel-salesforce sends one composite per exchange and knows nothing of sObject Collections
 * results per record, and camel-kafka's batching hands over a list of records but leaves their outcomes and commits
 * to the route.
 */
@Component("orderBatch")
public class OrderBatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OrderBatchWriter.class);
    static final String BATCH = "orderBatch";
    /** Property of a record left to its partition's new owner after a rebalance: not written by this batch. */
    public static final String LEFT_FOR_OWNER = "leftForPartitionOwner";
    static final String WRITE = "orderBatchWrite";
    /** Salesforce calls answered, by kind: what the API allowance is spent on. */
    static final String CALLS = "storelink.writer.calls";
    private static final String CUSTOMERS = "customers/";
    private static final String DELETE_CUSTOMER = "customers/delete";

    private final ParseOrder parser;
    private final ParseCustomer customerParser;
    private final OrderMapping mapping;
    private final CustomerMapping customerMapping;
    private final CustomerSettings customerSettings;
    private final WrittenVersions versions;
    private final PartitionAssignments assignments;
    private final BatchCalls calls;
    private final SalesforceErrors errors;
    private final SyncLatency latency;
    private final CamelContext camel;
    private final MeterRegistry meters;
    private final LineItems lineItems;
    private volatile ProducerTemplate producer;

    public OrderBatchWriter(ParseOrder parser, ParseCustomer customerParser, OrderMapping mapping,
            CustomerMapping customerMapping, CustomerSettings customerSettings, WrittenVersions versions,
            PartitionAssignments assignments, SalesforceSettings salesforce,
            MappingSettings mappingSettings, @Qualifier("orderVersions") AppliedVersions orderVersions,
            @Qualifier("customerVersions") AppliedVersions customerVersions,
            OrgSchema schema, SalesforceErrors errors, SyncLatency latency, CamelContext camel, MeterRegistry meters,
            LineItems lineItems) {
        this.parser = parser;
        this.customerParser = customerParser;
        this.mapping = mapping;
        this.customerMapping = customerMapping;
        this.customerSettings = customerSettings;
        this.versions = versions;
        this.assignments = assignments;
        this.calls = new BatchCalls(salesforce.apiVersion(), mappingSettings, orderVersions, customerVersions, schema, lineItems);
        this.lineItems = lineItems;
        this.errors = errors;
        this.latency = latency;
        this.camel = camel;
        this.meters = meters;
    }

    /** The Kafka records (camel-kafka batching: a list of exchanges) become a batch: parsed, deduplicated, planned. */
    public void open(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Exchange> children = exchange.getMessage().getBody(List.class);
        List<BatchRecord> records = new ArrayList<>(children.size());
        int stale = 0;
        for (Exchange child : children) {
            int partition = child.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            if (assignments.polledBeforeAssignment(partition, child.getClock().getCreated())) {
                stale++; // its partition's current owner reads it again
                child.setProperty(LEFT_FOR_OWNER, true);
                continue;
            }
            records.add(record(child));
        }
        if (stale > 0) {
            LOG.info("Left {} record(s) polled before their partition was assigned again to the partition's current owner", stale);
        }
        exchange.setProperty(BATCH, new OrderBatch(records, versions, this::map, lineItems));
    }

    /** An order event, or a customer event (customers/create, update, delete: same topic, same key). */
    private BatchRecord record(Exchange child) {
        String topic = child.getMessage().getHeader(ShopifyHeaders.TOPIC, String.class);
        byte[] body = child.getMessage().getBody(byte[].class);
        try {
            if (topic == null || !topic.startsWith(CUSTOMERS)) {
                return BatchRecord.order(child, parser.parse(body), parser::tree);
            }
            boolean deletion = DELETE_CUSTOMER.equals(topic);
            BatchRecord r = BatchRecord.customer(child, customerParser.parse(body), customerParser::tree, deletion);
            if (deletion && customerSettings.onDelete() == CustomerSettings.OnDelete.LEAVE) {
                r.skipped("Salesforce records left as they are (storelink.mapping.customer.on-delete: leave)");
            }
            return r;
        } catch (PoisonPayloadException e) {
            return BatchRecord.poison(child, e);
        }
    }

    private RecordUpserts map(BatchRecord r) {
        if (!r.isCustomer()) {
            return RecordUpserts.of(mapping.map(r.order, r.payload()));
        }
        return RecordUpserts.of(r.deletion ? customerMapping.deletionMark(r.subject().id(), r.version())
                : customerMapping.map(r.customer, r.payload()));
    }

    public boolean hasCalls(Exchange exchange) {
        return batch(exchange).hasCalls();
    }

    /** The body becomes the current call's composite request: what is still pending of it. */
    public void currentCall(Exchange exchange) {
        OrderBatch.Call call = batch(exchange).current();
        List<BatchRecord> pending = call.pending();
        nameTheEvent(exchange, pending);
        if (call.kind() == OrderBatch.Kind.READ) {
            exchange.getMessage().setBody(calls.versionReads(pending));
        } else if (call.kind() == OrderBatch.Kind.LINES) {
            exchange.getMessage().setBody(call.lines().next(pending.stream().map(OrderBatch::lineKey)
                    .collect(java.util.stream.Collectors.toSet())));
        } else {
            BatchCalls.Write write = calls.upserts(pending);
            exchange.setProperty(WRITE, write);
            exchange.getMessage().setBody(write.composite());
        }
    }

    /**
     * A call about one event (the usual case at a trickle) carries its identity, so that the error handler's log
     * lines name it (ShopifyEventMdc); a call about many names none.
     */
    private static void nameTheEvent(Exchange exchange, List<BatchRecord> pending) {
        BatchRecord only = pending.size() == 1 ? pending.get(0) : null;
        for (String header : List.of(ShopifyHeaders.WEBHOOK_ID, ShopifyHeaders.TOPIC)) {
            exchange.getMessage().setHeader(header, only == null ? null : only.exchange.getMessage().getHeader(header, String.class));
        }
        exchange.setProperty(ParseOrder.ORDER_ID, only == null || only.order == null ? null : only.order.id());
    }

    /** Salesforce's answer to the current call. Orders failing for a reason that may pass are retried (thrown). */
    public void results(Exchange exchange) throws SalesforceException {
        OrderBatch batch = batch(exchange);
        SObjectCompositeResponse response = exchange.getMessage().getBody(SObjectCompositeResponse.class);
        String writer = exchange.getProperty(SyncLatency.WRITER, String.class);
        if (batch.current().kind() == OrderBatch.Kind.READ) {
            meters.counter(CALLS, "writer", writer, "kind", "version_read").increment();
            batch.versionsRead(calls.readVersions(response, batch.current().pending()));
        } else if (batch.current().kind() == OrderBatch.Kind.LINES) {
            meters.counter(CALLS, "writer", writer, "kind", "line_items").increment();
            Optional<SalesforceException> retry = batch.linesAnswered(batch.current().lines().answered(response),
                    e -> errors.classify(e) == ErrorClass.VALIDATION);
            if (retry.isPresent()) {
                throw retry.get();
            }
        } else {
            meters.counter(CALLS, "writer", writer, "kind", "write").increment();
            BatchCalls.Write write = exchange.getProperty(WRITE, BatchCalls.Write.class);
            List<BatchCalls.Saved> saved = calls.saved(write, response);
            Optional<SalesforceException> retry = batch.written(saved, write.records(), e -> errors.classify(e) == ErrorClass.VALIDATION);
            if (retry.isPresent()) {
                throw retry.get();
            }
        }
    }

    /** From the error handler (dead-letter route): the current call's orders go to the dead-letter topic. */
    public void refuseCurrentCall(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        OrderBatch batch = batch(exchange);
        Map<String, Object> history = new LinkedHashMap<>();
        for (String key : List.of(FailureClock.FIRST, FailureClock.LAST, FailureClock.COUNT)) {
            if (exchange.getProperty(key) != null) {
                history.put(key, exchange.getProperty(key));
            }
        }
        for (BatchRecord r : batch.current().pending()) {
            r.history = history;
        }
        batch.refuseCurrent(failure);
    }

    /**
     * Settles the batch, partition by partition, up to its first record still pending (there is one only when a
     * call gave up): refused records go to the dead-letter topic one by one (each with its own error), then the
     * partition's offset is committed past its last settled record. Records from the first pending one on are left
     * uncommitted; the route then fails the batch, so they are read again. Sets the counts for the metrics.
     */
    public void finish(Exchange exchange) {
        OrderBatch batch = batch(exchange);
        String writer = exchange.getProperty(SyncLatency.WRITER, String.class);
        int written = 0;
        int skipped = 0;
        int left = 0;
        Set<Integer> blocked = new HashSet<>();
        Map<Integer, BatchRecord> lastSettled = new LinkedHashMap<>();
        for (BatchRecord r : batch.records) {
            if (r.pending() || blocked.contains(r.partition)) {
                blocked.add(r.partition);
                left++;
                continue;
            }
            Exchange child = r.exchange;
            child.setProperty(SyncLatency.WRITER, writer);
            if (r.order != null) {
                child.setProperty(ParseOrder.ORDER_ID, r.order.id());
                child.setProperty(ParseOrder.ORDER_NAME, r.order.name());
            }
            switch (r.outcome) {
                case WRITTEN -> {
                    written++;
                    latency.record(child);
                    log(child, "Synced Shopify {} (id {}, {}) to Salesforce", r, null);
                }
                case SKIPPED -> {
                    skipped++;
                    log(child, "Skipped Shopify {} (id {}, {}): {}", r, r.skipReason);
                }
                default -> deadLetter(r);
            }
            lastSettled.put(r.partition, r);
        }
        for (BatchRecord last : lastSettled.values()) {
            last.exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        }
        exchange.setProperty("ordersWritten", written);
        exchange.setProperty("ordersSkipped", skipped);
        exchange.setProperty("ordersLeft", left);
        LOG.debug("Batch of {} order records: {} written, {} skipped, {} left for the next poll, {} version read call(s)",
                batch.records.size(), written, skipped, left, batch.versionReads);
    }

    private void deadLetter(BatchRecord r) {
        Exchange child = r.exchange;
        child.setProperty(Exchange.EXCEPTION_CAUGHT, r.failure);
        r.history.forEach(child::setProperty);
        producer().send("direct:dead-letter-record", child);
        if (child.getException() != null) {
            throw new IllegalStateException("could not dead-letter record " + r.partition + "/" + r.offset, child.getException());
        }
    }

    private static void log(Exchange child, String message, BatchRecord r, String reason) {
        Map<String, String> before = ShopifyEventMdc.put(child);
        try {
            // an order by its name (#1001), a customer by its id only: its name is personal data
            String what = r.isCustomer() ? "customer" : "order " + r.order.name();
            if (reason == null) {
                LOG.info(message, what, r.subject().id(), r.topic);
            } else {
                LOG.info(message, what, r.subject().id(), r.topic, reason);
            }
        } finally {
            ShopifyEventMdc.restore(before);
        }
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }

    private static OrderBatch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, OrderBatch.class);
    }
}

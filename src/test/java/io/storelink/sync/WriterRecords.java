package io.storelink.sync;

import io.storelink.orders.OrderBatchWriter;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Completes when the orders writer has finished batches (written, skipped or dead-lettered, and committed) holding
 * this many records of the given webhook deliveries; a record a batch left to its partition's new owner after a
 * rebalance does not count (it is written by a later batch). The writer takes records in batches, so Camel's NotifyBuilder,
 * which counts exchanges, cannot say when a given record is done.
 */
final class WriterRecords extends EventNotifierSupport {

    private final CamelContext camel;
    private final Set<String> webhookIds;
    private final CountDownLatch remaining;

    private WriterRecords(CamelContext camel, int records, Set<String> webhookIds) {
        this.camel = camel;
        this.webhookIds = webhookIds;
        this.remaining = new CountDownLatch(records);
    }

    static WriterRecords watch(CamelContext camel, int records, Set<String> webhookIds) {
        WriterRecords watcher = new WriterRecords(camel, records, webhookIds);
        camel.getManagementStrategy().addEventNotifier(watcher);
        watcher.start();
        return watcher;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange batch = ((ExchangeCompletedEvent) event).getExchange();
        if (!"orders-to-salesforce".equals(batch.getFromRouteId()) || batch.isFailed()
                || !(batch.getMessage().getBody() instanceof List<?> records)) {
            return;
        }
        for (Object r : records) {
            if (r instanceof Exchange record && !record.getProperty(OrderBatchWriter.LEFT_FOR_OWNER, false, Boolean.class)
                    && webhookIds.contains(record.getMessage().getHeader("X-Shopify-Webhook-Id", String.class))) {
                remaining.countDown();
            }
        }
    }

    boolean matches(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return remaining.await(timeout, unit);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(this);
        }
    }
}

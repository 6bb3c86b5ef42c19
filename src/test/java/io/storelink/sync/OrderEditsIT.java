package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * orders/edited end to end: an order edit in the Shopify Admin fake, its webhook (Shopify's shape: only the edit) signed
 * over real HTTP, the embedded broker, the order read back through the Admin API, the orders writer, camel-salesforce
 * against the Salesforce fake.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderEditsIT extends OrderChangesSupport {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void writersIdle() {
        awaitWriterIdle();
    }

    @Test
    void theOpportunityFollowsTheEditedOrderAndARepeatedEditChangesNothing() throws Exception {
        ObjectNode order = syncedOrder();
        long orderId = order.get("id").asLong();
        OrderFactory.Edit edit = orders.edit(orderId);
        SHOPIFY_ADMIN.editOrder(edit.order());
        String newTotal = edit.order().get("total_price").asText();
        assertThat(new BigDecimal(newTotal)).isGreaterThan(new BigDecimal(order.get("total_price").asText()));
        WebhookSender.Delivery delivery = shopify().prepare("orders/edited", OrderFactory.bytes(edit.payload()));
        long reads = SHOPIFY_ADMIN.requests("OrderForSync");

        deliverAndAwaitTheOrdersWriter(delivery);  // first delivery

        Map<String, Object> opportunity = opportunity(Long.toString(orderId)).orElseThrow();
        assertThat(new BigDecimal(String.valueOf(opportunity.get("Amount")))).isEqualByComparingTo(newTotal);
        String addedTitle = edit.order().get("line_items").get(edit.order().get("line_items").size() - 1).get("title").asText();
        assertThat(String.valueOf(opportunity.get("Description"))).as("the order's lines, the added one too")
                .contains(addedTitle).hasLineCount(edit.order().get("line_items").size());
        assertThat(SHOPIFY_ADMIN.requests("OrderForSync") - reads).as("Admin API calls per edit").isEqualTo(1);

        // Shopify's retry of the same edit: the same order version, which the orders writer skips
        double skipped = ordersWriter("skipped_older");
        double written = ordersWriter("written");
        deliverAndAwaitTheOrdersWriter(delivery); // the same webhook id, body and signature again
        assertThat(opportunity(Long.toString(orderId)).orElseThrow()).isEqualTo(opportunity);
        assertThat(ordersWriter("skipped_older") - skipped).isEqualTo(1);
        assertThat(ordersWriter("written") - written).isZero();
        assertThat(opportunitiesByOrderId().get(Long.toString(orderId))).isEqualTo(1L);
        assertThat(deadLettersOf(delivery)).isZero();
    }

    @Test
    void anEditOfAnOrderDeletedInShopifyIsSkippedWithALogLine(CapturedOutput output) throws Exception {
        ObjectNode order = syncedOrder();
        long orderId = order.get("id").asLong();
        OrderFactory.Edit edit = orders.edit(orderId);
        SHOPIFY_ADMIN.deleteOrder(orderId); // deleted after the edit, before the bridge read the order
        WebhookSender.Delivery delivery = shopify().prepare("orders/edited", OrderFactory.bytes(edit.payload()));
        long reads = SHOPIFY_ADMIN.requests("OrderForSync");
        long onOrdersTopic = recordsIn(ORDERS_TOPIC);

        deliverAndAwait(delivery);

        assertThat(output.getAll()).contains("Skipped orders/edited of Shopify order " + orderId + ": Shopify no longer has the order");
        assertThat(SHOPIFY_ADMIN.requests("OrderForSync") - reads).as("read once, not retried").isEqualTo(1);
        assertThat(recordsIn(ORDERS_TOPIC)).isEqualTo(onOrdersTopic);
        assertThat(new BigDecimal(String.valueOf(opportunity(Long.toString(orderId)).orElseThrow().get("Amount"))))
                .as("unchanged").isEqualByComparingTo(order.get("total_price").asText());
        assertThat(deadLettersOf(delivery)).isZero();
    }

    /** Delivers (a first time or again) and waits until the orders writer has finished the order the edit put on its topic. */
    private void deliverAndAwaitTheOrdersWriter(WebhookSender.Delivery d) throws Exception {
        WriterRecords written = WriterRecords.watch(camel, 1, Set.of(d.webhookId())); // the record keeps the edit's webhook id
        if (shopify().deliver(d).statusCode() != 200) {
            throw new AssertionError("orders/edited not accepted");
        }
        assertThat(written.matches(30, TimeUnit.SECONDS)).as("the orders writer finished the edited order").isTrue();
    }

    private double ordersWriter(String outcome) {
        var counter = meters.find("storelink.orders").tag("writer", "orders").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

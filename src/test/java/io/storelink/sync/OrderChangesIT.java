package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.WebhookSender;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * refunds/create and orders/delete end to end with the shipped options (no refunded stage, orders/delete closes):
 * Shopify's sample payloads over HTTP, the embedded broker, the Admin API fake for the order's totals, camel-salesforce
 * against the Salesforce fake.
 */
class OrderChangesIT extends OrderChangesSupport {

    @BeforeEach
    void writersIdle() {
        awaitWriterIdle();
    }

    @Test
    void aRefundDeliveredTwiceWritesTheSameTotalAndCostsTwoSalesforceCallsAndOneShopifyCall() throws Exception {
        String orderId = syncedOrder().get("id").asText();
        long refundId = SHOPIFY_ADMIN.refund(Long.parseLong(orderId), "10.00", Instant.now());
        WebhookSender.Delivery refund = shopify().prepare("refunds/create", refund(orderId, refundId));
        long salesforceCalls = SALESFORCE.apiCalls();
        long shopifyCalls = SHOPIFY_ADMIN.requests("OrderRefunded");

        deliverAndAwait(refund);

        assertThat(refunded(orderId)).isEqualByComparingTo("10.00");
        // measured for README ("Refunds and deletions"): one SOQL query and one composite; one Admin API read
        assertThat(SALESFORCE.apiCalls() - salesforceCalls).as("Salesforce calls per refund").isEqualTo(2);
        assertThat(SALESFORCE.apiCalls("/query")).isPositive();
        assertThat(SHOPIFY_ADMIN.requests("OrderRefunded") - shopifyCalls).as("Shopify calls per refund").isEqualTo(1);

        redeliverAndAwait(refund);
        assertThat(refunded(orderId)).as("the same refund again: the same total").isEqualByComparingTo("10.00");
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "New Order");
        assertThat(opportunitiesByOrderId().get(orderId)).isEqualTo(1L);
        assertThat(deadLettersOf(refund)).isZero();
    }

    @Test
    void twoRefundsInEitherOrderGiveTheOrdersTotal() throws Exception {
        // in order: the first delivery is written before the second refund exists
        String inOrder = syncedOrder().get("id").asText();
        long first = SHOPIFY_ADMIN.refund(Long.parseLong(inOrder), "5.00", Instant.now());
        deliverAndAwait(shopify().prepare("refunds/create", refund(inOrder, first)));
        assertThat(refunded(inOrder)).isEqualByComparingTo("5.00");
        long second = SHOPIFY_ADMIN.refund(Long.parseLong(inOrder), "7.50", Instant.now());
        deliverAndAwait(shopify().prepare("refunds/create", refund(inOrder, second)));
        assertThat(refunded(inOrder)).isEqualByComparingTo("12.50");

        // reversed: both refunds made, the second one's webhook arrives first, the first one's late
        String reversed = syncedOrder().get("id").asText();
        long a = SHOPIFY_ADMIN.refund(Long.parseLong(reversed), "5.00", Instant.now());
        long b = SHOPIFY_ADMIN.refund(Long.parseLong(reversed), "7.50", Instant.now());
        deliverAndAwait(shopify().prepare("refunds/create", refund(reversed, b)));
        deliverAndAwait(shopify().prepare("refunds/create", refund(reversed, a)));
        assertThat(refunded(reversed)).isEqualByComparingTo("12.50");
    }

    @Test
    void aRefundBeforeTheOpportunityExistsIsWrittenOnceItExists() throws Exception {
        ObjectNode order = orders.nextOrder();
        SHOPIFY_ADMIN.putOrder(order);
        String orderId = order.get("id").asText();
        long refundId = SHOPIFY_ADMIN.refund(Long.parseLong(orderId), "3.25", Instant.now());
        WebhookSender.Delivery refund = shopify().prepare("refunds/create", refund(orderId, refundId));
        // at the writer's first retry the order arrives (its webhook was late): the retry then finds the Opportunity
        CountDownLatch orderArrived = new CountDownLatch(1);
        EventNotifierSupport retries = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent r && orderArrived.getCount() > 0
                        && orderId.equals(r.getExchange().getProperty("shopifyOrderId", String.class))) {
                    assertThat(opportunity(orderId)).as("retried while the Opportunity is missing").isEmpty();
                    assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
                    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                            .until(() -> opportunity(orderId).isPresent());
                    orderArrived.countDown();
                }
            }
        };
        camel.getCamelContextExtension().setEventNotificationApplicable(true);
        camel.getManagementStrategy().addEventNotifier(retries);
        retries.start();
        try {
            deliverAndAwait(refund);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(retries);
            retries.stop();
        }

        assertThat(orderArrived.await(0, TimeUnit.SECONDS)).as("the refund waited for the order").isTrue();
        assertThat(refunded(orderId)).isEqualByComparingTo("3.25");
        assertThat(deadLettersOf(refund)).isZero();
    }

    @Test
    void aFullyRefundedOrderKeepsItsStageWithoutTheOption() throws Exception {
        ObjectNode order = syncedOrder();
        String orderId = order.get("id").asText();
        long refundId = SHOPIFY_ADMIN.refund(Long.parseLong(orderId), order.get("total_price").asText(), Instant.now());

        deliverAndAwait(shopify().prepare("refunds/create", refund(orderId, refundId)));

        assertThat(refunded(orderId)).isEqualByComparingTo(order.get("total_price").asText());
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "New Order");
    }

    @Test
    void aDeletedOrderClosesItsOpportunityAndARepeatedDeliveryChangesNothing() throws Exception {
        String orderId = syncedOrder().get("id").asText();
        WebhookSender.Delivery delete = shopify().prepare("orders/delete", deletion(orderId));

        deliverAndAwait(delete);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "Closed Lost")
                .containsEntry("Description", "Deleted in Shopify on " + today);
        Object version = opportunity(orderId).orElseThrow().get("Shopify_Updated_At__c");

        redeliverAndAwait(delete);
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "Closed Lost")
                .containsEntry("Shopify_Updated_At__c", version);
        assertThat(opportunitiesByOrderId().get(orderId)).isEqualTo(1L);
        assertThat(deadLettersOf(delete)).isZero();
    }

    @Test
    void aLateOlderEventOfAClosedOrderIsSkippedWhenTheWriterReadsItsVersion() throws Exception {
        // an order the running orders writer has never seen (written before this instance started): it reads the version
        ObjectNode order = orders.nextOrder();
        Instant created = Instant.now().minus(Duration.ofHours(2));
        order.put("created_at", created.toString());
        order.put("updated_at", created.toString());
        String orderId = order.get("id").asText();
        SALESFORCE.insert("Opportunity", java.util.Map.of("Name", "Shopify Order " + orderId, "StageName", "New Order",
                "CloseDate", LocalDate.now(ZoneOffset.UTC).toString(), "External_Shopify_Order_ID__c", orderId,
                "Shopify_Updated_At__c", created.toString()));
        deliverAndAwait(shopify().prepare("orders/delete", deletion(orderId)));
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "Closed Lost");

        // Shopify's retry of an update made before the deletion arrives late
        order.put("updated_at", created.plus(Duration.ofMinutes(30)).toString());
        assertThat(shopify().send("orders/updated", order).statusCode()).isEqualTo(200);
        awaitWriterIdle();

        assertThat(opportunity(orderId).orElseThrow()).as("not reopened").containsEntry("StageName", "Closed Lost");
        assertThat(opportunitiesByOrderId().get(orderId)).isEqualTo(1L);
    }

    @Test
    void aDeletionOfAnOrderSalesforceNeverHadIsDone() throws Exception {
        String orderId = orders.nextOrder().get("id").asText(); // never delivered
        WebhookSender.Delivery delete = shopify().prepare("orders/delete", deletion(orderId));

        deliverAndAwait(delete);

        assertThat(opportunity(orderId)).isEmpty();
        assertThat(deadLettersOf(delete)).isZero();
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The order change options set: a refunded stage (storelink.mapping.opportunity.refunded-stage-name) and
 * storelink.mapping.opportunity.on-delete: delete.
 */
@TestPropertySource(properties = {
        "storelink.mapping.opportunity.refunded-stage-name=Closed Lost",
        "storelink.mapping.opportunity.on-delete=delete"})
class OrderChangeOptionsIT extends OrderChangesSupport {

    @BeforeEach
    void writersIdle() {
        awaitWriterIdle();
    }

    @Test
    void aFullyRefundedOrderGetsTheRefundedStageAPartiallyRefundedOneKeepsItsStage() throws Exception {
        ObjectNode order = syncedOrder();
        String orderId = order.get("id").asText();
        String total = order.get("total_price").asText();
        long first = SHOPIFY_ADMIN.refund(Long.parseLong(orderId), "1.00", Instant.now());

        deliverAndAwait(shopify().prepare("refunds/create", refund(orderId, first)));

        assertThat(refunded(orderId)).isEqualByComparingTo("1.00");
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "New Order");

        String rest = new java.math.BigDecimal(total).subtract(java.math.BigDecimal.ONE).toPlainString();
        long second = SHOPIFY_ADMIN.refund(Long.parseLong(orderId), rest, Instant.now());
        deliverAndAwait(shopify().prepare("refunds/create", refund(orderId, second)));

        assertThat(refunded(orderId)).isEqualByComparingTo(total);
        assertThat(opportunity(orderId).orElseThrow()).containsEntry("StageName", "Closed Lost");
    }

    @Test
    void aDeletedOrderDeletesItsOpportunityAndARepeatedDeliveryIsDone() throws Exception {
        String orderId = syncedOrder().get("id").asText();
        WebhookSender.Delivery delete = shopify().prepare("orders/delete", deletion(orderId));

        deliverAndAwait(delete);

        assertThat(opportunity(orderId)).isEmpty();

        redeliverAndAwait(delete);
        assertThat(opportunity(orderId)).isEmpty();
        assertThat(deadLettersOf(delete)).isZero();
    }
}

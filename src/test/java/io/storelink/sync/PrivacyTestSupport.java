package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** What the privacy ITs share: a customer's orders synced first, the records of the audit topic by kind. */
abstract class PrivacyTestSupport extends BridgeTestSupport {

    /** A customer with unique personal values and two orders, both in Salesforce. */
    record SyncedCustomer(String id, java.util.Map<String, String> personal, ObjectNode first, ObjectNode second) {
    }

    SyncedCustomer syncCustomerWithTwoOrders() throws Exception {
        java.util.Map<String, String> personal = PrivacyRequests.personalValues(nonce());
        ObjectNode first = syncOrder(PrivacyRequests.withBuyer(orders.companyOrder(), personal));
        ObjectNode second = syncOrder(orders.orderForCustomer(first));
        return new SyncedCustomer(first.at("/customer/id").asText(), personal, first, second);
    }

    /** Shopify's customers/redact sample for this customer and these orders. */
    static byte[] redactRequest(SyncedCustomer c, List<String> orderIds) {
        return PrivacyRequests.payload("customers__redact.json", SHOP, c.id(), c.personal().get("email"),
                c.personal().get("phone"), "orders_to_redact", orderIds);
    }

    /** Delivered as orders/create and written to Salesforce. */
    ObjectNode syncOrder(ObjectNode order) throws Exception {
        assertThat(shopify().send("orders/create", order).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> opportunitiesByOrderId().containsKey(id(order)));
        return order;
    }

    static String id(ObjectNode order) {
        return order.get("id").asText();
    }

    /** Unique per call: the personal values of a test's customer are found nowhere else. */
    static String nonce() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The audit records (no personal data) of this customer's requests, oldest first. */
    List<ConsumerRecord<String, byte[]>> audits(String customerId) {
        return privacyRecords(customerId, "audit");
    }

    /** The data_request exports of this customer. */
    List<ConsumerRecord<String, byte[]>> exports(String customerId) {
        return privacyRecords(customerId, "data_request");
    }

    private List<ConsumerRecord<String, byte[]>> privacyRecords(String customerId, String kind) {
        return readAll(PRIVACY_AUDIT_TOPIC).stream().filter(r -> customerId.equals(r.key())
                && kind.equals(headers(r).get("storelink-privacy-record"))).toList();
    }
}

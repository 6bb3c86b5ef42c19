package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.Test;

/**
 * Orders from a signed webhook over HTTP, through the embedded broker and the writer route, into the Salesforce
 * fake via the real camel-salesforce client.
 */
class OrderSyncIT extends BridgeTestSupport {

    @org.junit.jupiter.api.BeforeEach
    void writerIdle() {
        awaitWriterIdle();
    }

    @Test
    void oneOrderCreatesOneLinkedAccountContactAndOpportunityInOneApiCall() throws Exception {
        ObjectNode order = orders.companyOrder();
        String orderId = order.get("id").asText();
        String customerId = order.get("customer").get("id").asText();
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));
        WriterRecords done = writerDone(1, delivery);
        long callsBefore = SALESFORCE.apiCalls();
        long compositeBefore = SALESFORCE.apiCalls("/composite");

        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).as("writer finished").isTrue();
        Map<String, Object> account = one("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId);
        Map<String, Object> contact = one("Contact", "External_Shopify_ID__c", customerId);
        Map<String, Object> opportunity = one("Opportunity", "External_Shopify_Order_ID__c", orderId);

        ObjectNode address = (ObjectNode) order.get("customer").get("default_address");
        assertThat(account).containsEntry("Name", address.get("company").asText())
                .containsEntry("BillingCity", address.get("city").asText())
                .containsEntry("BillingCountry", address.get("country").asText());
        assertThat(contact).containsEntry("AccountId", account.get("Id"))
                .containsEntry("Email", order.get("customer").get("email").asText());
        assertThat(opportunity)
                .containsEntry("AccountId", account.get("Id"))
                .containsEntry("ContactId", contact.get("Id"))
                .containsEntry("StageName", "New Order")
                .containsEntry("Name", "Shopify Order #" + order.get("order_number").asText() + " ("
                        + order.get("customer").get("first_name").asText() + " " + order.get("customer").get("last_name").asText() + ")");
        assertThat(new BigDecimal(opportunity.get("Amount").toString())).isEqualByComparingTo(order.get("total_price").asText());
        // a custom field mapped in YAML beside the defaults (src/test/resources/mapping/custom-fields.yaml)
        assertThat(opportunity).containsEntry("Shopify_Payment_Gateway__c", order.get("payment_gateway_names").get(0).asText());
        // an order created before the writer's partition was assigned: its version is read (one composite of
        // queries), then the three upserts go in one composite call
        assertThat(SALESFORCE.apiCalls("/composite") - compositeBefore).as("composite calls for one order").isEqualTo(2);
        assertThat(SALESFORCE.apiCalls() - callsBefore).as("Salesforce API calls for one order").isEqualTo(2);
    }

    @Test
    void theSameWebhookDeliveredThreeTimesLeavesExactlyOneOfEach() throws Exception {
        ObjectNode order = orders.nextOrder();
        while (!order.hasNonNull("customer")) {
            order = orders.nextOrder();
        }
        String orderId = order.get("id").asText();
        String customerId = order.get("customer").get("id").asText();
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));
        WriterRecords done = writerDone(3, delivery);

        for (int i = 0; i < 3; i++) {
            assertThat(shopify().redeliver(delivery).statusCode()).isEqualTo(200);
        }

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(count("Opportunity", "External_Shopify_Order_ID__c", orderId)).isEqualTo(1);
        assertThat(count("Contact", "External_Shopify_ID__c", customerId)).isEqualTo(1);
        assertThat(count("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId)).isEqualTo(1);
        assertThat(readAll(DEAD_LETTER_TOPIC)).noneMatch(r -> orderId.equals(headers(r).get(io.storelink.deadletter.DeadLetterHeaders.ORDER_ID)));
    }

    @Test
    void aCustomersSecondOrderReusesAccountAndContact() throws Exception {
        ObjectNode first = orders.companyOrder();
        ObjectNode second = orders.orderForCustomer(first);
        String customerId = first.get("customer").get("id").asText();
        WebhookSender.Delivery firstDelivery = shopify().prepare("orders/create", OrderFactory.bytes(first));
        WebhookSender.Delivery secondDelivery = shopify().prepare("orders/create", OrderFactory.bytes(second));
        WriterRecords done = writerDone(2, firstDelivery, secondDelivery);

        assertThat(shopify().deliver(firstDelivery).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(secondDelivery).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> account = one("Account", "External_Shopify_Account_ID__c", "shop_cust_" + customerId);
        Map<String, Object> contact = one("Contact", "External_Shopify_ID__c", customerId);
        for (ObjectNode order : new ObjectNode[] {first, second}) {
            assertThat(one("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText()))
                    .containsEntry("AccountId", account.get("Id"))
                    .containsEntry("ContactId", contact.get("Id"));
        }
    }

    @Test
    void guestCheckoutWithoutEmailLandsOnTheSharedGuestAccount() throws Exception {
        ObjectNode order = orders.guestOrder(null);
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));
        WriterRecords done = writerDone(1, delivery);

        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> guests = one("Account", "External_Shopify_Account_ID__c", "shop_guest_anonymous");
        Map<String, Object> opportunity = one("Opportunity", "External_Shopify_Order_ID__c", order.get("id").asText());
        assertThat(opportunity).containsEntry("AccountId", guests.get("Id"));
        assertThat(opportunity.get("ContactId")).isNull();
    }

    @Test
    void aPayloadThatIsNotAnOrderIsDeadLetteredUnchangedAndDoesNotBlockThePartition() throws Exception {
        byte[] poison = "{\"note\":\"no id here\"}".getBytes();
        ObjectNode after = orders.nextOrder();
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", poison);
        WebhookSender.Delivery afterDelivery = shopify().prepare("orders/create", OrderFactory.bytes(after));
        WriterRecords done = writerDone(2, delivery, afterDelivery);

        assertThat(shopify().deliver(delivery).statusCode()).isEqualTo(200);
        assertThat(shopify().deliver(afterDelivery).statusCode()).isEqualTo(200);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(readAll(DEAD_LETTER_TOPIC)).anySatisfy(r -> {
            assertThat(headers(r)).containsEntry("X-Shopify-Webhook-Id", delivery.webhookId());
            assertThat(headers(r)).containsEntry("storelink-error-class", "POISON")
                    .containsEntry("storelink-attempts", "1")
                    .containsEntry("storelink-source-topic", ORDERS_TOPIC);
            assertThat(headers(r).get("storelink-error-message")).contains("no id");
            assertThat(r.value()).isEqualTo(poison);
        });
        one("Opportunity", "External_Shopify_Order_ID__c", after.get("id").asText());
    }

    /** Completes when the writer has finished (written, skipped or dead-lettered) that many records of these deliveries. */
    private WriterRecords writerDone(int records, WebhookSender.Delivery... deliveries) {
        return WriterRecords.watch(camel, records, java.util.Arrays.stream(deliveries).map(WebhookSender.Delivery::webhookId)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private static long count(String sObject, String field, String value) {
        return SALESFORCE.records(sObject).stream().filter(r -> value.equals(String.valueOf(r.get(field)))).count();
    }

    private static Map<String, Object> one(String sObject, String field, String value) {
        assertThat(count(sObject, field, value)).as("%s with %s=%s", sObject, field, value).isEqualTo(1);
        return SALESFORCE.find(sObject, field, value).orElseThrow();
    }
}

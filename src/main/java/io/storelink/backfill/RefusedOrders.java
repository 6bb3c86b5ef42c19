package io.storelink.backfill;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.storelink.backfill.salesforce.IngestJobs;
import io.storelink.mapping.MappingSettings;
import io.storelink.shopify.OrderPartitionKey;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.support.DefaultExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opportunity rows Salesforce refused in a backfill job go to the dead-letter topic one by one as their order (the
 * webhook-shaped JSON the live path would have had, from the run's {@link OrderArchive}) with Salesforce's error, as
 * if they had come from the orders topic: the operator fixes the cause and replays them through the orders writer
 * like any dead letter. An Account or Contact refused makes its orders' Opportunities fail too (their parent is
 * missing), so each order is dead-lettered once, by its Opportunity row.
 */
@Component("refusedOrders")
public class RefusedOrders {

    private final CamelContext camel;
    private final String opportunity;
    private final String ordersTopic;
    private volatile ProducerTemplate producer;

    public RefusedOrders(CamelContext camel, MappingSettings mapping, @Value("${storelink.kafka.orders-topic}") String ordersTopic) {
        this.camel = camel;
        this.opportunity = mapping.opportunity().object();
        this.ordersTopic = ordersTopic;
    }

    /** The body: the refused rows of the job (sf__Error, sf__Id, the row as sent). */
    public void deadLetter(Exchange job) throws IOException {
        if (!opportunity.equals(job.getProperty(IngestJobs.OBJECT, String.class))) {
            return;
        }
        OrderArchive orders = job.getProperty(BackfillSteps.ORDERS, OrderArchive.class);
        String externalId = job.getProperty(IngestJobs.EXTERNAL_ID, String.class);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = job.getMessage().getBody(List.class);
        for (Map<String, String> row : rows) {
            String orderId = row.get(externalId);
            byte[] order = orders == null || orderId == null ? null : orders.read(orderId);
            if (order != null) {
                send(orderId, order, row.get("sf__Error"));
            }
        }
    }

    private void send(String orderId, byte[] order, String sfError) {
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(order);
        record.getMessage().setHeader(KafkaConstants.KEY, OrderPartitionKey.of(order));
        record.getMessage().setHeader(KafkaConstants.TOPIC, ordersTopic); // replayed to the orders writer
        record.getMessage().setHeader(ShopifyHeaders.TOPIC, "orders/updated");
        record.getMessage().setHeader(ShopifyHeaders.SOURCE, "backfill");
        record.setProperty(ParseOrder.ORDER_ID, orderId);
        record.setProperty("writer", "backfill");
        record.setProperty(Exchange.EXCEPTION_CAUGHT, refusal(sfError));
        producer().send("direct:dead-letter-record", record);
        if (record.getException() != null) {
            throw new IllegalStateException("could not dead-letter backfill order " + orderId, record.getException());
        }
    }

    /** Bulk API 2.0's sf__Error, "CODE:message[:fields --]", as the exception the dead letters classify. */
    static SalesforceException refusal(String sfError) {
        String text = sfError == null ? "" : sfError;
        int colon = text.indexOf(':');
        String code = colon < 0 ? text : text.substring(0, colon);
        String message = colon < 0 ? text : text.substring(colon + 1).replaceFirst(":[^:]*--\\s*$", "");
        return new SalesforceException(List.of(new RestError(code, message)), 400,
                "Salesforce refused the Opportunity in a Bulk API 2.0 job: " + code + " " + message);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }
}

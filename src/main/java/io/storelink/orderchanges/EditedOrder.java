package io.storelink.orderchanges;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.reconciliation.WebhookShapedOrder;
import io.storelink.shopify.OrderPartitionKey;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.ShopifyAdmin;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import io.storelink.lineitems.LineItemSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An edited order, as the orders topic's record: orders/edited carries only the edit ({@code order_edit}: which lines
 * were added or removed), never the order, so the order is read as it is now through the Admin GraphQL API
 * ({@code order-for-sync}, the fields reconciliation reads, shaped by {@link WebhookShapedOrder}) and handed to the
 * orders writer like any order event: keyed by customer as a delivered order is, its version the order's own
 * {@code updated_at}, so the writer's version check makes a repeated edit (or the orders/updated Shopify sends with
 * each edit) change nothing. Reading the order at processing time, not delivery time, also means an old edit
 * re-read later still writes the newest order, never an older one.
 * <p>
 * The edit's Shopify headers stay (its webhook id and topic name the record in logs and dead letters);
 * {@code storelink-source: order-edit} says the body came from the Admin API.
 */
@Component("editedOrder")
public class EditedOrder {

    static final String DOCUMENT = "order-for-sync";
    static final String SOURCE = "order-edit";

    private final ShopifyAdmin shopify;
    private final ObjectMapper json;
    private final boolean lineItems;

    public EditedOrder(ShopifyAdmin shopify, ObjectMapper json) {
        this(shopify, json, false);
    }

    /** {@code lineItems}: line-item sync is on, so the order is read with what its Salesforce lines need. */
    @Autowired
    public EditedOrder(ShopifyAdmin shopify, ObjectMapper json, LineItemSettings lines) {
        this(shopify, json, lines.enabled());
    }

    private EditedOrder(ShopifyAdmin shopify, ObjectMapper json, boolean lineItems) {
        this.shopify = shopify;
        this.json = json;
        this.lineItems = lineItems;
    }

    /** The body becomes the order, webhook-shaped; no such order is an {@link OrderNotInShopifyException}. */
    public void read(Exchange exchange) throws JsonProcessingException {
        String orderId = exchange.getProperty(ParseOrder.ORDER_ID, String.class);
        JsonNode order = shopify.query(DOCUMENT, Map.of("id", "gid://shopify/Order/" + orderId, "lineItems", lineItems)).path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw new OrderNotInShopifyException(orderId);
        }
        byte[] body = json.writeValueAsBytes(WebhookShapedOrder.of(order, json));
        Message out = exchange.getIn();
        out.setBody(body);
        out.setHeader(ShopifyHeaders.SOURCE, SOURCE);
        // replaces the consumed record's key (the order id): on the orders topic the key is the customer's
        out.setHeader(KafkaConstants.KEY, OrderPartitionKey.of(body));
    }
}

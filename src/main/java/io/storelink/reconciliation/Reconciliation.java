package io.storelink.reconciliation;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.config.ShopifySettings;
import io.storelink.kafka.Checkpoints;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.shopify.admin.Batches;
import io.storelink.shopify.OrderPartitionKey;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.Pages;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import io.storelink.lineitems.LineItemSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The reconciliation job's steps (routes/reconciliation.camel.yaml): the window since the last checkpoint, the
 * orders Shopify changed in it, each as an order event like a webhook's, and the new checkpoint.
 */
@Component("reconciliation")
public class Reconciliation {

    public static final String JOB = "reconciliation";
    static final String SINCE = "reconcileSince";
    static final String UNTIL = "reconcileUntil";
    static final String PUBLISHED = "published";
    static final int CHECK_BATCH = 200;

    private final ShopifyAdmin admin;
    private final Checkpoints checkpoints;
    private final ReconciliationSettings settings;
    private final ShopifySettings shopify;
    private final ShopifyAdminSettings adminSettings;
    private final ObjectMapper json;
    private final AppliedVersions orderVersions;

    private boolean lineItems;   // line-item sync on: orders are read with what their Salesforce lines need

    public Reconciliation(ShopifyAdmin admin, Checkpoints checkpoints, ReconciliationSettings settings,
                          ShopifySettings shopify, ShopifyAdminSettings adminSettings, ObjectMapper json,
                          @Qualifier("orderVersions") AppliedVersions orderVersions) {
        this.orderVersions = orderVersions;
        this.admin = admin;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.shopify = shopify;
        this.adminSettings = adminSettings;
        this.json = json;
    }

    /** From the checkpoint minus the overlap (first run: now minus the look-back) to now. */
    public void window(Exchange exchange) {
        Checkpoints.Window window = checkpoints.window(JOB, settings.overlap(), settings.lookBack());
        exchange.setProperty(SINCE, window.since());
        exchange.setProperty(UNTIL, window.until());
        exchange.setProperty(PUBLISHED, new AtomicInteger()); // split copies share it: the run's count
    }

    @Autowired(required = false)
    void lineItems(LineItemSettings lines) {
        this.lineItems = lines.enabled();
    }

    /**
     * Orders updated in the window, oldest change first, in batches of up to 200 (one Salesforce query checks a
     * batch); pages are read as the split consumes them.
     */
    public Iterator<List<JsonNode>> changedOrders(Exchange exchange) {
        Instant since = exchange.getProperty(SINCE, Instant.class);
        Pages orders = admin.pages("orders-updated-since",
                Map.of("first", settings.pageSize(), "query", "updated_at:>='" + since + "'", "lineItems", lineItems), "orders");
        return new Batches<>(orders, CHECK_BATCH);
    }

    /** SOQL for the versions Salesforce already has of a batch's orders. */
    public String versionQuery(List<JsonNode> batch) {
        return orderVersions.query(batch.stream().map(o -> Long.parseLong(o.path("legacyResourceId").asText())).toList());
    }

    /**
     * The batch's orders Salesforce does not have in this version: only they are published. Orders that webhooks
     * delivered, and the overlap with the previous run, cost no writer call.
     */
    public List<JsonNode> notInSalesforce(@Body List<JsonNode> batch,
                                          @ExchangeProperty(AppliedVersions.PROPERTY) Map<String, Instant> applied) {
        return batch.stream().filter(o -> AppliedVersions.isNewer(applied,
                Long.toString(Long.parseLong(o.path("legacyResourceId").asText())), Instant.parse(o.path("updatedAt").asText()))).toList();
    }

    /** One GraphQL order as the orders topic's record: webhook-shaped body, same key, headers naming the source. */
    public void orderEvent(Exchange exchange) throws JsonProcessingException {
        JsonNode node = exchange.getIn().getBody(JsonNode.class);
        exchange.getProperty(PUBLISHED, AtomicInteger.class).incrementAndGet();
        byte[] body = json.writeValueAsBytes(WebhookShapedOrder.of(node, json));
        Message out = exchange.getIn();
        ShopifyHeaders.polled(out, "orders/updated", shopify.storeDomain(), adminSettings.apiVersion(),
                node.path("updatedAt").asText(), JOB);
        out.setBody(body);
        String key = OrderPartitionKey.of(body); // the webhook's key: same partition, same order as deliveries
        if (key != null) {
            out.setHeader(KafkaConstants.KEY, key);
        }
    }

    /** Every order of the window is on Kafka: the next run starts from here. */
    public void checkpoint(Exchange exchange) {
        checkpoints.write(JOB, exchange.getProperty(UNTIL, Instant.class));
    }
}

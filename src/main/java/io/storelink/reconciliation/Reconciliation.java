package io.storelink.reconciliation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.config.ShopifySettings;
import io.storelink.kafka.Checkpoints;
import io.storelink.shopify.OrderPartitionKey;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.Pages;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
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
    /** Kafka header telling a reconciled order event from a delivered webhook. */
    public static final String SOURCE_HEADER = "storelink-source";

    private final ShopifyAdmin admin;
    private final Checkpoints checkpoints;
    private final ReconciliationSettings settings;
    private final ShopifySettings shopify;
    private final ShopifyAdminSettings adminSettings;
    private final ObjectMapper json;

    public Reconciliation(ShopifyAdmin admin, Checkpoints checkpoints, ReconciliationSettings settings,
                          ShopifySettings shopify, ShopifyAdminSettings adminSettings, ObjectMapper json) {
        this.admin = admin;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.shopify = shopify;
        this.adminSettings = adminSettings;
        this.json = json;
    }

    /** From the checkpoint minus the overlap (first run: now minus the look-back) to now. */
    public void window(Exchange exchange) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant since = checkpoints.read(JOB)
                .map(c -> c.minus(settings.overlap()))
                .orElse(now.minus(settings.lookBack()));
        exchange.setProperty(SINCE, since);
        exchange.setProperty(PUBLISHED, new AtomicInteger()); // split copies share it: the run's count
        exchange.setProperty(UNTIL, now);
    }

    /** Orders updated in the window, oldest change first, read page by page as the split consumes them. */
    public Pages changedOrders(Exchange exchange) {
        Instant since = exchange.getProperty(SINCE, Instant.class);
        return admin.pages("orders-updated-since",
                Map.of("first", settings.pageSize(), "query", "updated_at:>='" + since + "'"), "orders");
    }

    /** One GraphQL order as the orders topic's record: webhook-shaped body, same key, headers naming the source. */
    public void orderEvent(Exchange exchange) throws JsonProcessingException {
        JsonNode node = exchange.getIn().getBody(JsonNode.class);
        exchange.getProperty(PUBLISHED, AtomicInteger.class).incrementAndGet();
        byte[] body = json.writeValueAsBytes(WebhookShapedOrder.of(node, json));
        Message out = exchange.getIn();
        out.getHeaders().clear();
        out.setBody(body);
        out.setHeader(ShopifyHeaders.TOPIC, "orders/updated");
        out.setHeader(ShopifyHeaders.SHOP_DOMAIN, shopify.storeDomain());
        out.setHeader(ShopifyHeaders.API_VERSION, adminSettings.apiVersion());
        out.setHeader(ShopifyHeaders.TRIGGERED_AT, node.path("updatedAt").asText());
        out.setHeader(SOURCE_HEADER, JOB);
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

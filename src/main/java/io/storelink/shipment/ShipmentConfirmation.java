package io.storelink.shipment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.config.ShopifySettings;
import io.storelink.kafka.Checkpoints;
import io.storelink.salesforce.AppliedVersions;
import io.storelink.shopify.admin.Batches;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.admin.ShopifyAdmin;
import io.storelink.shopify.admin.ShopifyAdminSettings;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The shipment-confirmation job's steps (routes/shipment-confirmation.camel.yaml): the window since the last
 * checkpoint, the fulfillments Shopify changed in it, each as a fulfillments/update event like a webhook's, and the
 * new checkpoint. It catches what the fulfillments/* webhooks missed; the writer's version check absorbs the rest.
 */
@Component("shipmentConfirmation")
public class ShipmentConfirmation {

    public static final String JOB = "shipment-confirmation";
    static final String SINCE = "shipmentSince";
    static final String UNTIL = "shipmentUntil";
    static final String PUBLISHED = "published";
    static final String TOPIC = "fulfillments/update";
    static final int CHECK_BATCH = 200;

    private final ShopifyAdmin admin;
    private final Checkpoints checkpoints;
    private final ShipmentConfirmationSettings settings;
    private final ShopifySettings shopify;
    private final ShopifyAdminSettings adminSettings;
    private final ObjectMapper json;
    private final AppliedVersions trackingVersions;

    public ShipmentConfirmation(ShopifyAdmin admin, Checkpoints checkpoints, ShipmentConfirmationSettings settings,
                                ShopifySettings shopify, ShopifyAdminSettings adminSettings, ObjectMapper json,
                                @Qualifier("trackingVersions") AppliedVersions trackingVersions) {
        this.trackingVersions = trackingVersions;
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

    /**
     * Fulfillments updated in the window, webhook-shaped, read page by page as the split consumes them. Creating or
     * updating a fulfillment changes its order's updated_at, so the orders changed since the window's start hold them.
     */
    public Iterator<List<ObjectNode>> changedFulfillments(Exchange exchange) {
        Instant since = exchange.getProperty(SINCE, Instant.class);
        return new Batches<>(new FulfillmentsInWindow(admin.pages("fulfillments-updated-since",
                Map.of("first", settings.pageSize(), "query", "updated_at:>='" + since + "'"), "orders"), since, json), CHECK_BATCH);
    }

    /** SOQL for the fulfillment version each order's Opportunity shows. */
    public String versionQuery(List<ObjectNode> batch) {
        return trackingVersions.query(batch.stream().map(f -> f.get("order_id").asLong()).toList());
    }

    /**
     * Fulfillments Salesforce does not show yet: newer than the Opportunity's, or whose Opportunity does not exist
     * yet (the writer retries those until the order lands). What webhooks brought costs no writer call.
     */
    public List<ObjectNode> notInSalesforce(@Body List<ObjectNode> batch,
                                            @ExchangeProperty(AppliedVersions.PROPERTY) Map<String, Instant> applied) {
        return batch.stream().filter(f -> {
            Instant updated;
            try {
                updated = OffsetDateTime.parse(f.path("updated_at").asText()).toInstant();
            } catch (DateTimeParseException unreadable) {
                return true; // the writer's version check decides; never lost
            }
            return AppliedVersions.isNewer(applied, Long.toString(f.get("order_id").asLong()), updated);
        }).toList();
    }

    /** One fulfillment as the fulfillments topic's record: webhook-shaped body, the webhook's key, source header. */
    public void fulfillmentEvent(Exchange exchange) throws JsonProcessingException {
        ObjectNode fulfillment = exchange.getIn().getBody(ObjectNode.class);
        exchange.getProperty(PUBLISHED, AtomicInteger.class).incrementAndGet();
        Message out = exchange.getIn();
        ShopifyHeaders.polled(out, TOPIC, shopify.storeDomain(), adminSettings.apiVersion(),
                fulfillment.path("updated_at").asText(), JOB);
        out.setBody(json.writeValueAsBytes(fulfillment));
        out.setHeader(KafkaConstants.KEY, fulfillment.get("order_id").asText()); // same partition as the webhooks
    }

    /** Every fulfillment of the window is on Kafka: the next run starts here. */
    public void checkpoint(Exchange exchange) {
        checkpoints.write(JOB, exchange.getProperty(UNTIL, Instant.class));
    }
}

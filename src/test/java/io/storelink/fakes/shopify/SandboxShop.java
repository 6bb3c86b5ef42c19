package io.storelink.fakes.shopify;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox store's back office, for the pollers: the catalogue stocked at two locations in the Admin API fake
 * (and, for all but two products, a Product2 record in the Salesforce sandbox, so the inventory sync has something
 * to update and something to report), sales taken off the stock, and orders shipped a little later with tracking:
 * a fulfillments/create webhook, of which some are lost like orders' (the shipment poller finds those).
 */
public final class SandboxShop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxShop.class);
    private static final long WAREHOUSE = 70_881_001L;
    private static final long SHOP = 70_881_002L;

    private final FakeShopifyAdmin admin;
    private final WebhookSender webhooks;
    private final double lostWebhooks;
    private final Map<Long, Integer> warehouseStock = new HashMap<>();
    private final ConcurrentLinkedQueue<Long> toShip = new ConcurrentLinkedQueue<>();
    private final Random rnd = new Random();
    private final ScheduledExecutorService shipping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shopify-sandbox-shipping");
        t.setDaemon(true);
        return t;
    });
    private long trackingNumber = 1_000_000;

    public SandboxShop(FakeShopifyAdmin admin, FakeSalesforce salesforce, WebhookSender webhooks, double lostWebhooks) {
        this.admin = admin;
        this.webhooks = webhooks;
        this.lostWebhooks = lostWebhooks;
        admin.addLocation(WAREHOUSE, "Berlin warehouse");
        admin.addLocation(SHOP, "Hamburg shop");
        int i = 0;
        for (Catalog.Variant v : Catalog.VARIANTS) {
            warehouseStock.put(v.variantId(), 40 + i % 25);
            admin.setAvailable(WAREHOUSE, v.variantId(), v.sku(), 40 + i % 25);
            admin.setAvailable(SHOP, v.variantId(), v.sku(), i % 6);
            if (i < Catalog.VARIANTS.size() - 2) { // two products were never set up in Salesforce
                salesforce.insert("Product2", Map.of("Name", v.name(), "StockKeepingUnit", v.sku(),
                        "External_Shopify_Variant_ID__c", Long.toString(v.variantId()), "Quantity_Available__c", 0));
            }
            i++;
        }
        for (String topic : new String[] {"ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_PAID", "ORDERS_CANCELLED",
                "ORDERS_DELETE", "ORDERS_EDITED", "FULFILLMENTS_CREATE", "FULFILLMENTS_UPDATE", "REFUNDS_CREATE",
                "CUSTOMERS_CREATE", "CUSTOMERS_UPDATE", "CUSTOMERS_DELETE", "APP_UNINSTALLED"}) {
            admin.subscribeWebhook(topic, webhooks.endpoint().toString());
        }
    }

    /** Ships one waiting order every few seconds. */
    public SandboxShop start() {
        shipping.scheduleWithFixedDelay(this::shipOne, 10, 4, TimeUnit.SECONDS);
        return this;
    }

    /** A sale: the order exists in the Admin API, its lines leave the warehouse, and it waits to be shipped. */
    public synchronized void sold(ObjectNode order) {
        admin.putOrder(order);
        for (JsonNode line : order.path("line_items")) {
            long variant = line.path("variant_id").asLong();
            Catalog.VARIANTS.stream().filter(v -> v.variantId() == variant).findFirst().ifPresent(v -> {
                int left = Math.max(0, warehouseStock.getOrDefault(variant, 0) - line.path("quantity").asInt());
                warehouseStock.put(variant, left);
                admin.setAvailable(WAREHOUSE, variant, v.sku(), left);
            });
        }
        if (rnd.nextDouble() < 0.6) {
            toShip.add(order.get("id").asLong());
        }
    }

    private void shipOne() {
        try { // an exception escaping a scheduled task would cancel all later runs
            Long orderId = toShip.poll();
            if (orderId == null) {
                return;
            }
            String number;
            synchronized (this) {
                number = "00340434" + (trackingNumber++);
            }
            admin.fulfill(orderId, "DHL Express", number, "https://www.dhl.com/track?tracking-id=" + number, "SUCCESS", Instant.now());
            JsonNode all = admin.order(orderId).path("fulfillments");
            ObjectNode fulfillment = (ObjectNode) all.get(all.size() - 1);
            if (rnd.nextDouble() < lostWebhooks) {
                LOG.info("Sandbox store lost the fulfillments/create webhook of {}: the shipment poller will find it",
                        fulfillment.path("name").asText());
                return;
            }
            HttpResponse<String> r = webhooks.send("fulfillments/create", fulfillment);
            LOG.info("Sandbox store shipped {} with DHL Express {} -> fulfillments/create {}", fulfillment.path("name").asText(),
                    number, r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Sandbox shipping failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        shipping.shutdownNow();
    }
}

package io.storelink.shopify.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RequiredScopes} is what the jobs' documents really need on Shopify's scope table (the fake's): each job's
 * documents run with exactly its scopes, and without any one of them Shopify denies the call naming that scope.
 */
class RequiredScopesIT {

    private static final String TOKEN = "shpat_scopes";
    private static FakeShopifyAdmin shopify;

    private record Call(String document, Map<String, Object> variables) {
    }

    @BeforeAll
    static void start() {
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        OrderFactory orders = new OrderFactory(5);
        for (int i = 0; i < 5; i++) {
            ObjectNode order = orders.nextOrder();
            shopify.putOrder(order);
            shopify.fulfill(order.get("id").asLong(), "UPS", "1Z" + i, "https://ups.example/1Z" + i, "SUCCESS", Instant.now());
        }
        shopify.addLocation(71_000_001L, "Main");
        shopify.setAvailable(71_000_001L, 40_000_001L, "SKU-1", 7);
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @Test
    void reconciliation() {
        assertExactly(RequiredScopes.RECONCILIATION, new Call("orders-updated-since", Map.of("first", 5, "query", "")));
    }

    @Test
    void shipmentConfirmation() {
        assertExactly(RequiredScopes.SHIPMENT_CONFIRMATION, new Call("fulfillments-updated-since", Map.of("first", 5, "query", "")));
    }

    @Test
    void refunds() {
        long order = shopify.order(new OrderFactory(5).nextOrder().get("id").asLong()).get("id").asLong();
        assertExactly(RequiredScopes.REFUNDS, new Call("order-refunded", Map.of("id", "gid://shopify/Order/" + order)));
    }

    @Test
    void orderEdits() {
        long order = shopify.order(new OrderFactory(5).nextOrder().get("id").asLong()).get("id").asLong();
        assertExactly(RequiredScopes.ORDER_EDITS, new Call("order-for-sync", Map.of("id", "gid://shopify/Order/" + order)));
    }

    @Test
    void inventoryBySku() {
        assertExactly(RequiredScopes.INVENTORY_BY_SKU, new Call("locations", Map.of("first", 10)),
                new Call("location-inventory", Map.of("location", "gid://shopify/Location/71000001", "first", 50, "variantIds", false)));
    }

    @Test
    void inventoryByVariantId() {
        assertExactly(RequiredScopes.INVENTORY_BY_VARIANT_ID, new Call("locations", Map.of("first", 10)),
                new Call("location-inventory", Map.of("location", "gid://shopify/Location/71000001", "first", 50, "variantIds", true)));
    }

    @Test
    void eachHandledTopic() {
        for (String topic : FakeStoreClients.handledTopics()) {
            String scope = RequiredScopes.forTopic(topic); // null: none (app/uninstalled)
            shopify.unsubscribeWebhook(topic);
            assertExactly(scope == null ? List.of() : List.of(scope), new Call("webhook-subscription-create",
                    Map.of("topic", topic, "uri", "https://bridge.example.com/webhooks/shopify")));
        }
    }

    private static void assertExactly(List<String> scopes, Call... calls) {
        for (Call call : calls) {
            shopify.scopes(scopes.toArray(String[]::new));
            shopify.unsubscribeWebhook(String.valueOf(call.variables().get("topic")));
            assertThat(client().query(call.document(), call.variables())).as(call.document()).isNotNull();
        }
        for (String left : scopes) {
            List<String> fewer = new ArrayList<>(scopes);
            fewer.remove(left);
            shopify.scopes(fewer.toArray(String[]::new));
            assertThatThrownBy(() -> {
                for (Call call : calls) {
                    client().query(call.document(), call.variables());
                }
            }).as("without " + left).isInstanceOfSatisfying(ShopifyAccessException.class, e -> assertThat(e.scope()).isEqualTo(left));
        }
    }

    private static ShopifyAdmin client() {
        return FakeStoreClients.client(new ShopifySettings("secret", shopify.url(), TOKEN, null, null, null, null, null));
    }
}

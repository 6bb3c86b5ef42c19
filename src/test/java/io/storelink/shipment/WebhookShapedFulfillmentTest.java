package io.storelink.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.shopify.FulfillmentPartitionKey;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.junit.jupiter.api.Test;

class WebhookShapedFulfillmentTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** One order node as fulfillments-updated-since.graphql returns it. */
    private static JsonNode order() throws Exception {
        return JSON.readTree("""
                {"legacyResourceId":"9007199254740993","updatedAt":"2026-03-01T10:05:00Z","fulfillments":[
                  {"legacyResourceId":"9007199254740995","name":"#1001.1","status":"SUCCESS",
                   "createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-01T10:05:00Z",
                   "trackingInfo":[{"company":"UPS","number":"1Z1","url":"https://ups/1Z1"},
                                   {"company":null,"number":"1Z2","url":null}]},
                  {"legacyResourceId":"7","name":"#1001.2","status":"CANCELLED",
                   "createdAt":"2026-02-01T09:00:00Z","updatedAt":"2026-02-01T09:00:00Z","trackingInfo":[]}
                ]}""");
    }

    @Test
    void graphqlFulfillmentBecomesTheRestPayloadOfAWebhook() throws Exception {
        JsonNode order = order();
        ObjectNode f = WebhookShapedFulfillment.of(order, order.path("fulfillments").get(0), JSON);

        assertThat(f.get("id").asLong()).isEqualTo(9007199254740995L);
        assertThat(f.get("order_id").isIntegralNumber()).isTrue();
        assertThat(f.get("order_id").asText()).isEqualTo("9007199254740993"); // exact: never through a double
        assertThat(f.get("status").asText()).isEqualTo("success");
        assertThat(f.get("tracking_company").asText()).isEqualTo("UPS");
        assertThat(f.get("tracking_number").asText()).isEqualTo("1Z1");
        assertThat(f.get("tracking_numbers")).extracting(JsonNode::asText).containsExactly("1Z1", "1Z2");
        assertThat(f.get("tracking_url").asText()).isEqualTo("https://ups/1Z1");
        assertThat(f.get("tracking_urls")).extracting(JsonNode::asText).containsExactly("https://ups/1Z1");

        // the writer reads it exactly like a delivered webhook
        byte[] bytes = JSON.writeValueAsBytes(f);
        assertThat(FulfillmentPartitionKey.of(bytes)).isEqualTo("9007199254740993");
        ShopifyFulfillment parsed = new ParseFulfillment(JSON).parse(bytes);
        assertThat(parsed.orderId()).isEqualTo(9007199254740993L);
        assertThat(parsed.updatedAt().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(parsed.allTrackingNumbers()).containsExactly("1Z1", "1Z2");
    }

    @Test
    void withoutTrackingTheTrackingFieldsAreEmpty() throws Exception {
        JsonNode order = order();
        ObjectNode f = WebhookShapedFulfillment.of(order, order.path("fulfillments").get(1), JSON);

        assertThat(f.get("status").asText()).isEqualTo("cancelled");
        assertThat(f.get("tracking_company").isNull()).isTrue();
        assertThat(f.get("tracking_number").isNull()).isTrue();
        assertThat(f.get("tracking_numbers")).isEmpty();
    }

    @Test
    void onlyFulfillmentsChangedSinceTheWindowStartArePublished() throws Exception {
        JsonNode order = order();
        List<ObjectNode> events = new ArrayList<>();
        new FulfillmentsInWindow(List.of(order, order).iterator(), Instant.parse("2026-03-01T10:00:00Z"), JSON)
                .forEachRemaining(events::add);

        assertThat(events).extracting(e -> e.get("name").asText()).containsExactly("#1001.1", "#1001.1");
    }

    @Test
    void ordersWithoutFulfillmentsYieldNothing() throws Exception {
        JsonNode bare = JSON.readTree("{\"legacyResourceId\":\"1\",\"fulfillments\":[]}");
        assertThat(new FulfillmentsInWindow(List.of(bare).iterator(), Instant.EPOCH, JSON).hasNext()).isFalse();
    }
}

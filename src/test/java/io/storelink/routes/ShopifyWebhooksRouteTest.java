package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.ShopifySettings;
import io.storelink.fakes.shopify.WebhookSigner;
import io.storelink.shopify.FulfillmentWebhookToKafka;
import io.storelink.shopify.OrderChangeWebhookToKafka;
import io.storelink.shopify.OrderWebhookToKafka;
import io.storelink.shopify.PrivacyWebhookToKafka;
import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.WebhookBody;
import io.storelink.shopify.WebhookCounter;
import io.storelink.shopify.WebhookSignature;
import io.storelink.shopify.WebhookTopic;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * routes/shopify-webhooks.camel.yaml with its real processors (body, signature, topic, record shaping) and the
 * webhook-intake error handling: the HTTP endpoint is replaced by a direct: one, the Kafka producers by mocks.
 */
class ShopifyWebhooksRouteTest extends RouteTestSupport {

    private static final String SECRET = "route-test-secret";
    private static final Path ORDER = Path.of("src/test/resources/shopify/order.json");
    private static final Path FULFILLMENT = Path.of("src/test/resources/shopify/fulfillment.json");
    /** Shopify's own sample payloads (API 2026-07), copied from the shared fixtures. */
    private static final Path PRIVACY_SAMPLES = Path.of("src/test/resources/shopify/privacy");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MockEndpoint ordersTopic;
    private MockEndpoint fulfillmentsTopic;
    private MockEndpoint privacyTopic;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.shopify.webhook-secrets", "old-secret," + SECRET);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ShopifySettings shopify = settings("storelink.shopify", ShopifySettings.class);
        registry.bind("webhookBody", new WebhookBody(shopify));
        registry.bind("webhookSignature", new WebhookSignature(shopify));
        registry.bind("webhookTopic", new WebhookTopic());
        registry.bind("orderWebhookToKafka", new OrderWebhookToKafka());
        registry.bind("fulfillmentWebhookToKafka", new FulfillmentWebhookToKafka());
        registry.bind("privacyWebhookToKafka", new PrivacyWebhookToKafka());
        registry.bind("orderChangeWebhookToKafka", new OrderChangeWebhookToKafka());
        registry.bind("webhookCounter", new WebhookCounter(meters));
    }

    @BeforeEach
    void startRoute() throws Exception {
        loadRoutes("error-handling.camel.yaml", "shopify-webhooks.camel.yaml");
        assertThat(endpointUri("shopify-webhooks", "enqueue-order")).isEqualTo("kafka:shopify.orders");
        assertThat(endpointUri("shopify-webhooks", "enqueue-fulfillment")).isEqualTo("kafka:shopify.fulfillments");
        assertThat(endpointUri("shopify-webhooks", "enqueue-privacy")).isEqualTo("kafka:shopify.privacy");
        assertThat(endpointUri("shopify-webhooks", "enqueue-order-change")).isEqualTo("kafka:shopify.fulfillments");
        advise("shopify-webhooks", route -> {
            route.replaceFromWith("direct:webhook");
            route.weaveById("enqueue-order").replace().to("mock:orders-topic");
            route.weaveById("enqueue-fulfillment").replace().to("mock:fulfillments-topic");
            route.weaveById("enqueue-privacy").replace().to("mock:privacy-topic");
            route.weaveById("enqueue-order-change").replace().to("mock:fulfillments-topic");
        });
        context.start();
        ordersTopic = getMockEndpoint("mock:orders-topic");
        fulfillmentsTopic = getMockEndpoint("mock:fulfillments-topic");
        privacyTopic = getMockEndpoint("mock:privacy-topic");
    }

    @Test
    void signedOrderGoesToKafkaAsItsExactBytesKeyedByCustomerWithShopifyHeadersOnly() throws Exception {
        byte[] body = Files.readAllBytes(ORDER);
        String customerId = new ObjectMapper().readTree(body).get("customer").get("id").asText();
        ordersTopic.expectedBodiesReceived((Object) body);
        ordersTopic.expectedHeaderReceived(KafkaConstants.KEY, customerId);
        fulfillmentsTopic.expectedMessageCount(0);

        Exchange answer = deliver("orders/create", body, SECRET);

        MockEndpoint.assertIsSatisfied(ordersTopic, fulfillmentsTopic);
        // the record carries Shopify's headers and the key, never the signature or other HTTP headers
        assertThat(ordersTopic.getExchanges().get(0).getMessage().getHeaders().keySet()).containsExactlyInAnyOrder(
                ShopifyHeaders.TOPIC, ShopifyHeaders.SHOP_DOMAIN, ShopifyHeaders.WEBHOOK_ID, ShopifyHeaders.EVENT_ID,
                ShopifyHeaders.TRIGGERED_AT, ShopifyHeaders.API_VERSION, KafkaConstants.KEY);
        assertAnswered(answer, 200, "");
        assertThat(webhooks("orders/create", "accepted")).isEqualTo(1);
    }

    @Test
    void fulfillmentGoesToItsTopicKeyedByOrder() throws Exception {
        byte[] body = Files.readAllBytes(FULFILLMENT);
        fulfillmentsTopic.expectedBodiesReceived((Object) body);
        fulfillmentsTopic.expectedHeaderReceived(KafkaConstants.KEY, "450789469");
        ordersTopic.expectedMessageCount(0);

        Exchange answer = deliver("fulfillments/update", body, "old-secret");  // the secret being rotated out

        MockEndpoint.assertIsSatisfied(ordersTopic, fulfillmentsTopic);
        assertAnswered(answer, 200, "");
        assertThat(webhooks("fulfillments/update", "accepted")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} keyed by its order id")
    @CsvSource({"refunds/create, refunds__create.json", "orders/delete, orders__delete.json",
            "orders/edited, orders__edited.json"}) // an edit is not the order: never on the orders topic as it is
    void refundDeletionAndEditGoToTheFulfillmentsTopicKeyedByOrder(String topic, String sample) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07", sample));
        fulfillmentsTopic.expectedBodiesReceived((Object) body);
        fulfillmentsTopic.expectedHeaderReceived(KafkaConstants.KEY, "820982911946154508");
        ordersTopic.expectedMessageCount(0);

        Exchange answer = deliver(topic, body, SECRET);

        MockEndpoint.assertIsSatisfied(ordersTopic, fulfillmentsTopic);
        assertThat(fulfillmentsTopic.getExchanges().get(0).getMessage().getHeaders()).containsEntry(ShopifyHeaders.TOPIC, topic)
                .doesNotContainKey(ShopifyHeaders.HMAC);
        assertAnswered(answer, 200, "");
        assertThat(webhooks(topic, "accepted")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orders/create, orders, accepted", "orders/updated, orders, accepted", "orders/cancelled, orders, accepted",
            "fulfillments/create, fulfillments, accepted", "fulfillments/update, fulfillments, accepted",
            "customers/create, orders, accepted", "customers/update, orders, accepted", "customers/delete, orders, accepted",
            "customers/enable, none, ignored", "customers/disable, none, ignored"})
    void eachTopicGoesToItsPlace(String topic, String kafkaTopic, String outcome) throws Exception {
        ordersTopic.expectedMessageCount("orders".equals(kafkaTopic) ? 1 : 0);
        fulfillmentsTopic.expectedMessageCount("fulfillments".equals(kafkaTopic) ? 1 : 0);

        Exchange answer = deliver(topic, Files.readAllBytes(topic.startsWith("fulfillments/") ? FULFILLMENT : ORDER), SECRET);

        MockEndpoint.assertIsSatisfied(ordersTopic, fulfillmentsTopic);
        assertAnswered(answer, 200, "");
        assertThat(webhooks(topic, outcome)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> orders topic, key = the customer id")
    @CsvSource({"customers/create, customers__create.json", "customers/update, customers__update.json",
            "customers/delete, customers__delete.json"})
    void aCustomerEventIsKeyedLikeItsOrders(String topic, String sample) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07", sample));
        ordersTopic.expectedBodiesReceived((Object) body);
        ordersTopic.expectedHeaderReceived(KafkaConstants.KEY, "706405506930370084"); // an order's key is its customer's id

        assertAnswered(deliver(topic, body, SECRET), 200, "");
        MockEndpoint.assertIsSatisfied(ordersTopic);
    }

    @ParameterizedTest(name = "{0} -> shopify.privacy, key {2}")
    @CsvSource({
            "customers/redact, customers__redact.json, 191167",
            "customers/data_request, customers__data_request.json, 191167",
            "shop/redact, shop__redact.json, {shop}.myshopify.com",
            "app/uninstalled, app__uninstalled.json, johns-apparel.myshopify.com"})
    void privacyTopicsGoToThePrivacyTopicKeyedByCustomerOrShop(String topic, String sample, String key) throws Exception {
        byte[] body = Files.readAllBytes(PRIVACY_SAMPLES.resolve(sample));
        privacyTopic.expectedBodiesReceived((Object) body);
        privacyTopic.expectedHeaderReceived(KafkaConstants.KEY, key);
        ordersTopic.expectedMessageCount(0);
        fulfillmentsTopic.expectedMessageCount(0);

        Exchange answer = deliver(topic, body, SECRET);

        MockEndpoint.assertIsSatisfied(privacyTopic, ordersTopic, fulfillmentsTopic);
        assertThat(privacyTopic.getExchanges().get(0).getMessage().getHeaders().keySet()).containsExactlyInAnyOrder(
                ShopifyHeaders.TOPIC, ShopifyHeaders.SHOP_DOMAIN, ShopifyHeaders.WEBHOOK_ID, ShopifyHeaders.EVENT_ID,
                ShopifyHeaders.TRIGGERED_AT, ShopifyHeaders.API_VERSION, KafkaConstants.KEY);
        assertAnswered(answer, 200, "");
        assertThat(webhooks(topic, "accepted")).isEqualTo(1);
    }

    @Test
    void privacyRequestWithAWrongSignatureIsRefusedWith401AndNothingIsEnqueued() throws Exception {
        privacyTopic.expectedMessageCount(0);

        Exchange answer = deliver("customers/redact", Files.readAllBytes(PRIVACY_SAMPLES.resolve("customers__redact.json")),
                "not-the-secret");

        privacyTopic.assertIsSatisfied();
        assertAnswered(answer, 401, "webhook signature does not match");
    }

    @Test
    void wrongSignatureIsRefusedWith401AndNothingIsEnqueued() throws Exception {
        ordersTopic.expectedMessageCount(0);

        Exchange answer = deliver("orders/create", Files.readAllBytes(ORDER), "not-the-secret");

        ordersTopic.assertIsSatisfied();
        assertAnswered(answer, 401, "webhook signature does not match");
        assertThat(webhooks("orders/create", "unauthorized")).isEqualTo(1);
    }

    @Test
    void signedDeliveryWithoutTopicIsRefusedWith400() throws Exception {
        byte[] body = Files.readAllBytes(ORDER);

        Exchange answer = template.send("direct:webhook", e -> {
            e.getIn().setBody(new ByteArrayInputStream(body));
            e.getIn().setHeader(ShopifyHeaders.HMAC, WebhookSigner.sign(body, SECRET));
        });

        assertAnswered(answer, 400, "missing X-Shopify-Topic header");
        assertThat(ordersTopic.getReceivedCounter() + fulfillmentsTopic.getReceivedCounter()).isZero();
    }

    @Test
    void declaredBodyOverTheConfiguredSizeIsRefusedWith413() throws Exception {
        // storelink.shopify.max-webhook-size in application.yaml: 5MB
        Exchange answer = template.send("direct:webhook", e -> {
            e.getIn().setBody(new ByteArrayInputStream(new byte[0]));
            e.getIn().setHeader(Exchange.CONTENT_LENGTH, 5L * 1024 * 1024 + 1);
            e.getIn().setHeader(ShopifyHeaders.TOPIC, "orders/create");
        });

        assertAnswered(answer, 413, "webhook body larger than 5242880 bytes");
    }

    /** A delivery as platform-http hands it over (streamed body), with Shopify's headers and some of a proxy's. */
    private Exchange deliver(String topic, byte[] body, String secret) throws IOException {
        Map<String, Object> headers = new HashMap<>(Map.of(
                ShopifyHeaders.TOPIC, topic, ShopifyHeaders.SHOP_DOMAIN, "johns-apparel.myshopify.com",
                ShopifyHeaders.WEBHOOK_ID, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
                ShopifyHeaders.EVENT_ID, "98880550-7158-44d4-b7cd-2c97c8a091b5",
                ShopifyHeaders.TRIGGERED_AT, "2026-07-01T12:00:00.000Z", ShopifyHeaders.API_VERSION, "2026-07",
                ShopifyHeaders.HMAC, WebhookSigner.sign(body, secret),
                "Content-Type", "application/json", "X-Forwarded-For", "23.227.38.65", "Cookie", "session=1"));
        return template.send("direct:webhook", e -> {
            e.getIn().setHeaders(headers);
            e.getIn().setBody(new ByteArrayInputStream(body));
        });
    }

    private static void assertAnswered(Exchange answer, int status, String body) {
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeaders().keySet()).containsExactly(Exchange.HTTP_RESPONSE_CODE);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(status);
        assertThat(answer.getMessage().getBody(String.class)).isEqualTo(body);
    }

    private double webhooks(String topic, String outcome) {
        return meters.get(WebhookCounter.NAME).tag("topic", topic).tag("outcome", outcome).counter().count();
    }
}

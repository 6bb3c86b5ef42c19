package io.storelink.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.fakes.shopify.OrderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orders writer reads the typed view without the tree: it must read what the tree-first path reads. */
class ShopifyPayloadTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final ParseOrder orders = new ParseOrder(JSON);
    private final ParseCustomer customers = new ParseCustomer(JSON);

    @ParameterizedTest
    @ValueSource(strings = {"order.json", "blueprint-order.json"})
    void anOrderReadWithoutItsTreeIsTheOrderReadThroughIt(String fixture) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/shopify", fixture));
        assertThat(orders.parse(body)).isEqualTo(orders.read(body).value());
        assertThat(orders.tree(body)).isEqualTo(orders.read(body).json());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void generatedOrdersReadTheSameEitherWay(int seed) {
        byte[] body = OrderFactory.bytes(new OrderFactory(seed).nextOrder());
        assertThat(orders.parse(body)).isEqualTo(orders.read(body).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers__create.json", "customers__update.json", "customers__delete.json"})
    void aCustomerReadWithoutItsTreeIsTheCustomerReadThroughIt(String fixture) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07", fixture));
        assertThat(customers.parse(body)).isEqualTo(customers.read(body).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "null", "{}", "{\"id\":null}", "[]", "[1]", "\"order\"", "42", "{\"id\":",
            "{\"id\":1,", "not json", "{\"id\":\"x\"}", "{\"id\":1,\"created_at\":\"yesterday\"}"})
    void aBodyThatIsNoOrderIsPoisonEitherWayWithTheSameReason(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String viaTree = reason(() -> orders.read(body));
        assertThat(viaTree).as("the tree-first path refuses it").isNotNull();
        assertThat(reason(() -> orders.parse(body))).isEqualTo(viaTree);
        assertThat(reason(() -> customers.parse(body))).isEqualTo(reason(() -> customers.read(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":1}", "{\"id\":1} ", "{\"id\":1,\"total_price\":\"1.50\",\"unknown\":{\"a\":[1,2]}}"})
    void aMinimalOrderIsAnOrderEitherWay(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        assertThat(orders.parse(body)).isEqualTo(orders.read(body).value());
        assertThatThrownBy(() -> orders.parse("{\"name\":\"#1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonPayloadException.class).hasMessage("order payload has no id");
    }

    private static String reason(Runnable read) {
        try {
            read.run();
            return null;
        } catch (PoisonPayloadException e) {
            return e.getMessage();
        }
    }
}

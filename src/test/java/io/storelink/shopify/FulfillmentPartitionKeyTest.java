package io.storelink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FulfillmentPartitionKeyTest {

    @Test
    void orderIdOfTheRestFixture() throws Exception {
        assertThat(FulfillmentPartitionKey.of(Files.readAllBytes(Path.of("src/test/resources/shopify/fulfillment.json"))))
                .isEqualTo("450789469");
    }

    @Test
    void idsAbove2To53StayExact() {
        assertThat(key("{\"id\":1,\"line_items\":[{\"id\":2,\"order_id\":3}],\"order_id\":9007199254740993}"))
                .isEqualTo("9007199254740993");
    }

    @Test
    void noKeyForSomethingThatIsNotAFulfillment() {
        assertThat(key("not json")).isNull();
        assertThat(key("[1,2]")).isNull();
        assertThat(key("{\"id\":1}")).isNull();
        assertThat(key("{\"order_id\":null}")).isNull();
        assertThat(key("{\"id\":1,")).isNull();
    }

    @Test
    void anOrderEditIsKeyedByTheOrderIdInsideItsOrderEdit() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks-2026-07/orders__edited.json"));
        assertThat(FulfillmentPartitionKey.ofOrderEdit(sample)).isEqualTo("820982911946154508");
        assertThat(FulfillmentPartitionKey.of(sample)).as("no top-level order_id").isNull();
        assertThat(FulfillmentPartitionKey.ofOrderEdit(bytes("{\"order_id\":1}"))).as("not inside order_edit").isNull();
        assertThat(FulfillmentPartitionKey.ofOrderEdit(bytes("{\"order_edit\":{\"id\":5,\"line_items\":{\"order_id\":4},\"order_id\":9007199254740993}}")))
                .isEqualTo("9007199254740993");
        assertThat(FulfillmentPartitionKey.ofOrderEdit(bytes("{\"order_edit\":7}"))).isNull();
        assertThat(FulfillmentPartitionKey.ofOrderEdit(bytes("not json"))).isNull();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(String json) {
        return FulfillmentPartitionKey.of(json.getBytes(StandardCharsets.UTF_8));
    }
}

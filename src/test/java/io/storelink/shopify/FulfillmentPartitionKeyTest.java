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

    private static String key(String json) {
        return FulfillmentPartitionKey.of(json.getBytes(StandardCharsets.UTF_8));
    }
}

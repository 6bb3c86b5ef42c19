package io.storelink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OrderPartitionKeyTest {

    @Test
    void customerIdWhenThereIsACustomer() {
        assertThat(key("{\"id\":820982911946154508,\"line_items\":[{\"id\":1}],\"customer\":{\"default_address\":{\"id\":3},\"id\":9007199254740993}}"))
                .isEqualTo("9007199254740993");
    }

    @Test
    void orderIdForGuests() {
        assertThat(key("{\"customer\":null,\"id\":820982911946154508}")).isEqualTo("820982911946154508");
        assertThat(key("{\"id\":820982911946154508}")).isEqualTo("820982911946154508");
    }

    @Test
    void noKeyForSomethingThatIsNotAnOrder() {
        assertThat(key("not json")).isNull();
        assertThat(key("[1,2]")).isNull();
        assertThat(key("{\"id\":1,")).isNull();
    }

    private static String key(String json) {
        return OrderPartitionKey.of(json.getBytes(StandardCharsets.UTF_8));
    }
}

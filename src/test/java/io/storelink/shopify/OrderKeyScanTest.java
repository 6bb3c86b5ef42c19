package io.storelink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.storelink.fakes.shopify.OrderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte scan gives Jackson's key for well-formed JSON, and leaves to Jackson what it is not sure of. */
class OrderKeyScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shopifysPayloadsAndGeneratedOrdersTakeTheFastPathAndGetJacksonsKey() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/shopify"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                bodies.add(Files.readAllBytes(f));
            }
        }
        OrderFactory orders = new OrderFactory(42);
        for (int n = 0; n < 300; n++) {
            bodies.add(OrderFactory.bytes(n % 3 == 0 ? orders.guestOrder(null) : n % 3 == 1 ? orders.companyOrder() : orders.nextOrder()));
        }
        bodies.add(OrderFactory.bytes(orders.largeOrder(200_000)));
        for (byte[] body : List.copyOf(bodies)) { // the same, pretty-printed
            bodies.add(JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(JSON.readTree(body)));
        }
        int fast = 0;
        for (byte[] body : bodies) {
            String scanned = OrderKeyScan.key(body);
            if (scanned != OrderKeyScan.UNSURE) {
                fast++;
                assertThat(scanned).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(OrderPartitionKey.parse(body));
            }
        }
        assertThat(fast).as("bodies the scan was sure of").isEqualTo(bodies.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"id\":{}}",
        "{\"id\":[1]}",
        "{\"customer\":null,\"id\":5}",
        "{\"customer\":{\"id\":null},\"id\":5}",
        "{\"customer\":{},\"id\":5}",
        "{\"customer\":{\"id\":\"abc\"},\"id\":5}",
        "{\"customer\":{\"default_address\":{\"id\":3},\"id\":7,\"id\":8},\"id\":5}",
        "{\"customer\":{\"id\":7},\"customer\":{\"id\":9}}",
        "{\"id\":1,\"id\":2}",
        "{\"id\":null}",
        "{\"id\":true}",
        "{\"id\":-1.5e3}",
        "{\"refunds\":[{\"customer\":{\"id\":6}}],\"id\":5}",
        "{\"note\":\"a \\\"}{ customer\\\":{\\\"id\\\":6} \\\\\",\"id\":5}",
        "{\"line_items\":[{\"title\":\"]}[{\",\"id\":1}],\"customer\":{\"tags\":\"x,}\",\"id\":4}}",
        " \n\t{ \"id\" : 5 , \"customer\" : { \"id\" : 6 } } ",
        "{\"cust\\u006fmer\":{\"id\":6},\"id\":5}",
        "{\"customer\":{\"id\":\"a\\\"b\"},\"id\":5}",
        "{\"id\":1,",
        "{\"id\":tru}",
        "{\"id\":1}trailing",
        "not json",
        "[1,2]",
        "",
        "{\"customer\":{\"id\":6"
    })
    void sameKeyAsJacksonWhetherScannedOrLeftToIt(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertThat(OrderPartitionKey.of(body)).isEqualTo(OrderPartitionKey.parse(body));
    }

    @Test
    void escapedKeysAndIdsAndCutBodiesAreLeftToJackson() {
        for (String json : List.of("{\"cust\\u006fmer\":{\"id\":6},\"id\":5}", "{\"customer\":{\"id\":\"a\\\"b\"}}",
                "{\"id\":1,", "{\"id\":tru}", "not json")) {
            assertThat(OrderKeyScan.key(json.getBytes(StandardCharsets.UTF_8))).as(json).isSameAs(OrderKeyScan.UNSURE);
        }
    }
}

package io.storelink.backfill.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlOrderGrouperTest {

    @TempDir
    Path dir;

    /** Children anywhere after their parent, a child of something that is not an order, no newline at the end. */
    @Test
    void regroupsChildrenThatAreNotNextToTheirParent() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, """
                {"id":"gid://shopify/Order/1","name":"#1001","customer":{"id":"gid://shopify/Customer/9"}}
                {"id":"gid://shopify/Order/2","name":"#1002","customer":null}
                {"id":"gid://shopify/LineItem/21","__parentId":"gid://shopify/Order/2"}
                {"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}
                {"id":"gid://shopify/Order/3","name":"#1003"}
                {"id":"gid://shopify/Fulfillment/7","__parentId":"gid://shopify/Shop/1"}
                {"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/1"}""");
        List<BulkOrder> orders = new ArrayList<>();
        JsonlOrderGrouper.Counts counts = new JsonlOrderGrouper(new ObjectMapper()).read(file, orders::add);

        assertThat(counts).isEqualTo(new JsonlOrderGrouper.Counts(3, 3, 1));
        assertThat(orders).extracting(o -> o.order().get("name").asText()).containsExactly("#1001", "#1002", "#1003");
        assertThat(orders.get(0).lineItems()).extracting(l -> l.get("id").asText())
                .containsExactly("gid://shopify/LineItem/11", "gid://shopify/LineItem/12");
        assertThat(orders.get(1).lineItems()).hasSize(1);
        assertThat(orders.get(2).lineItems()).isEmpty();
        assertThat(orders.get(0).order().at("/customer/id").asText()).isEqualTo("gid://shopify/Customer/9");
    }
}

package io.storelink.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.storelink.inventory.CollectionUpdates.Batch;
import io.storelink.inventory.InventoryComparison.Update;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CollectionUpdatesTest {

    @Test
    void twoHundredRecordsPerCollectionFiveCollectionsPerCall() {
        List<Update> updates = updates(1001);

        List<Batch> batches = CollectionUpdates.batches(updates);

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).collections()).hasSize(5).allSatisfy(c -> assertThat(c).hasSize(200));
        assertThat(batches.get(1).collections()).hasSize(1).first().satisfies(c -> assertThat(c).hasSize(1));
        assertThat(batches.stream().flatMap(b -> b.collections().stream()).flatMap(List::stream)).containsExactlyElementsOf(updates);
        assertThat(CollectionUpdates.batches(List.of())).isEmpty();
    }

    @Test
    void eachCollectionIsAPatchOfRecordsByIdWithoutAllOrNone() {
        Batch batch = CollectionUpdates.batches(updates(450)).get(0);

        JsonNode composite = CompositeJson.of(CollectionUpdates.composite(batch, "64.0", "Product2", "Quantity_Available__c"));

        assertThat(composite.get("allOrNone").asBoolean()).isFalse();
        JsonNode subrequests = composite.get("compositeRequest");
        assertThat(subrequests).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("method").asText()).isEqualTo("PATCH");
            assertThat(r.get("url").asText()).isEqualTo("/services/data/v64.0/composite/sobjects");
        });
        assertThat(subrequests.findValuesAsText("referenceId")).containsExactly("update1", "update2", "update3");
        JsonNode body = subrequests.get(2).get("body");
        assertThat(body.get("allOrNone").asBoolean()).isFalse();
        assertThat(body.get("records")).hasSize(50);
        assertThat(body.get("records").get(0).toString())
                .isEqualTo("{\"attributes\":{\"type\":\"Product2\"},\"Id\":\"01t00000000400\",\"Quantity_Available__c\":400}");
    }

    private static List<Update> updates(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Update(String.format("01t%011d", i), "SKU-" + i, i)).toList();
    }
}

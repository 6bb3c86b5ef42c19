package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** orders/delete with storelink.mapping.opportunity.on-delete: delete — one DELETE of the Opportunity by Id. */
class OrderDeletionModeRouteTest extends OrderChangesRouteFixture {

    @Override
    Map<String, Object> options() {
        return Map.of("storelink.mapping.opportunity.on-delete", "delete");
    }

    @Test
    void deletedOrderDeletesItsOpportunity() {
        opportunityExists(true);

        Exchange result = consume("orders/delete", sample("orders/delete"));

        assertThat(result.getException()).isNull();
        JsonNode delete = sentSubrequest();
        assertThat(delete.path("method").asText()).isEqualTo("DELETE");
        assertThat(delete.path("url").asText()).endsWith("/sobjects/Opportunity/" + OPPORTUNITY_ID);
        assertThat(delete.path("body").isMissingNode() || delete.path("body").isNull()).isTrue();
        assertThat(commits).containsExactly("committed");
        assertThat(orders("written")).isEqualTo(1);
    }

    @Test
    void aRepeatedDeletionFindsNothingLeftAndIsDone() {
        opportunityExists(false);

        Exchange result = consume("orders/delete", sample("orders/delete"));

        assertThat(result.getException()).isNull();
        assertThat(composite.getReceivedCounter()).isZero();
        assertThat(deadLetters.getReceivedCounter()).isZero();
        assertThat(commits).containsExactly("committed");
    }
}

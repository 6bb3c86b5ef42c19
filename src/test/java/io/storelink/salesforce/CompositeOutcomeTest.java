package io.storelink.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.junit.jupiter.api.Test;

class CompositeOutcomeTest {

    private final CompositeOutcome outcome = new CompositeOutcome();

    @Test
    void allSubrequestsSucceeded() throws Exception {
        outcome.check(response(ok("account"), ok("contact"), ok("opportunity")));
    }

    @Test
    void reportsTheSubrequestThatReallyFailedNotTheRolledBackOnes() {
        SObjectCompositeResponse response = response(
                halted("account"),
                new SObjectCompositeResult(List.of(Map.of("errorCode", "REQUIRED_FIELD_MISSING",
                        "message", "Required fields are missing: [LastName]", "fields", List.of("LastName"))),
                        Map.of(), 400, "contact"),
                halted("opportunity"));

        assertThatThrownBy(() -> outcome.check(response))
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrors()).singleElement().satisfies(err -> {
                        assertThat(err.getErrorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
                        assertThat(err.getFields()).containsExactly("LastName");
                    });
                    assertThat(e.getMessage()).contains("contact").contains("REQUIRED_FIELD_MISSING");
                });
    }

    @Test
    void aFailureWithoutErrorBodyStillFails() {
        assertThatThrownBy(() -> outcome.check(response(ok("account"), new SObjectCompositeResult(null, Map.of(), 500, "contact"))))
                .isInstanceOf(SalesforceException.class);
        assertThatThrownBy(() -> outcome.check(null)).isInstanceOf(SalesforceException.class);
    }

    private static SObjectCompositeResponse response(SObjectCompositeResult... results) {
        return new SObjectCompositeResponse(List.of(results));
    }

    private static SObjectCompositeResult ok(String ref) {
        return new SObjectCompositeResult(Map.of("id", "001000000000001AAA", "success", true, "created", true), Map.of(), 201, ref);
    }

    private static SObjectCompositeResult halted(String ref) {
        return new SObjectCompositeResult(List.of(Map.of("errorCode", "PROCESSING_HALTED",
                "message", "The transaction was rolled back since another operation in the same transaction failed.")),
                Map.of(), 400, ref);
    }
}

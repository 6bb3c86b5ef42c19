package io.storelink.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import io.storelink.shopify.PoisonPayloadException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

/** Salesforce's real error shapes (../shared/reference/salesforce.md) land in the right class. */
class SalesforceErrorsTest {

    private final SalesforceErrors errors = new SalesforceErrors();

    @Test
    void loginFailuresAsCamelSalesforceReportsThem() {
        // what SalesforceSession throws for a 400 from the token endpoint, wrapped as the producer wraps it
        SalesforceException invalidGrant = new SalesforceException(List.of(new RestError("invalid_grant",
                "Login error code:[invalid_grant] description:[authentication failure]")), 400);
        assertThat(errors.classify(new RuntimeCamelException(invalidGrant))).isEqualTo(ErrorClass.LOGIN);
        assertThat(errors.classify(new SalesforceException("Unexpected login error: login.salesforce.com", new ConnectException())))
                .isEqualTo(ErrorClass.LOGIN);
    }

    @Test
    void aRefusedReLoginAfterAnExpiredSessionIsALoginFailure() {
        // a 401 INVALID_SESSION_ID makes camel-salesforce log in again; when that login is refused, the call fails
        // with an outer exception without status or codes whose cause is the login's own
        SalesforceException invalidGrant = new SalesforceException(List.of(new RestError("invalid_grant",
                "Login error code:[invalid_grant] description:[authentication failure]")), 400);
        SalesforceException call = new SalesforceException("Unexpected error: " + invalidGrant.getMessage(), invalidGrant);

        assertThat(errors.classify(new RuntimeCamelException(call))).isEqualTo(ErrorClass.LOGIN);
    }

    @Test
    void allowanceUsedUpIs403RequestLimitExceededOrA429() {
        assertThat(errors.classify(sf(403, "REQUEST_LIMIT_EXCEEDED"))).isEqualTo(ErrorClass.API_LIMIT);
        assertThat(errors.classify(new SalesforceException("Too Many Requests", 429))).isEqualTo(ErrorClass.API_LIMIT);
        assertThat(errors.classify(sf(403, "INSUFFICIENT_ACCESS_OR_READONLY"))).isNotEqualTo(ErrorClass.API_LIMIT);
    }

    @Test
    void validationErrorsAreNotRetried() {
        for (String code : List.of("REQUIRED_FIELD_MISSING", "INVALID_FIELD", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "STRING_TOO_LONG", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "JSON_PARSER_ERROR")) {
            assertThat(errors.classify(sf(400, code))).as(code).isEqualTo(ErrorClass.VALIDATION);
        }
        assertThat(errors.classify(sf(404, "NOT_FOUND"))).isEqualTo(ErrorClass.VALIDATION);
    }

    @Test
    void aLineItemsPriceOrCurrencyTheOrgRefusesIsADeadLetterNotARetry() {
        for (String code : List.of("STANDARD_PRICE_NOT_DEFINED", "INVALID_CURRENCY_ISO", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                "FIELD_INTEGRITY_EXCEPTION")) {
            assertThat(errors.classify(sf(400, code))).as(code).isEqualTo(ErrorClass.VALIDATION);
        }
    }

    @Test
    void serverErrorsLocksAndConnectionFailuresAreTransient() {
        assertThat(errors.classify(sf(503, "SERVER_UNAVAILABLE"))).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(errors.classify(sf(500, "UNKNOWN_EXCEPTION"))).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(errors.classify(sf(400, "UNABLE_TO_LOCK_ROW"))).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(errors.classify(new SalesforceException("Unexpected error", new java.util.concurrent.TimeoutException())))
                .isEqualTo(ErrorClass.TRANSIENT);
        assertThat(errors.classify(new RuntimeCamelException(new ConnectException("refused")))).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void duplicateValueAndPoison() {
        assertThat(errors.classify(sf(400, "DUPLICATE_VALUE"))).isEqualTo(ErrorClass.DUPLICATE_VALUE);
        assertThat(errors.classify(new PoisonPayloadException("no id", null))).isEqualTo(ErrorClass.POISON);
        assertThat(errors.classify(new IllegalStateException("?"))).isEqualTo(ErrorClass.UNKNOWN);
    }

    private static SalesforceException sf(int status, String code) {
        return new SalesforceException(List.of(new RestError(code, "message")), status);
    }
}

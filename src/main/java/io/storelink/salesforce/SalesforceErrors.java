package io.storelink.salesforce;

import io.storelink.fulfillments.OpportunityNotYetInSalesforceException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.storelink.shopify.PoisonPayloadException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.springframework.stereotype.Component;

/**
 * Sorts a failure into its {@link ErrorClass} from what Salesforce really sends (HTTP status and errorCode, see
 * the Salesforce REST API's status codes and error responses). Used by the onException blocks of
 * routes/error-handling.camel.yaml through {@code onWhen}, so the treatment of each class stays in YAML.
 */
@Component("salesforceErrors")
public class SalesforceErrors {

    /** errorCodes that describe the data: the same request will fail the same way. */
    private static final Set<String> VALIDATION_CODES = Set.of(
            "REQUIRED_FIELD_MISSING", "INVALID_FIELD", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "STRING_TOO_LONG",
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "BAD_VALUE_FOR_RESTRICTED_PICKLIST", "JSON_PARSER_ERROR",
            "MALFORMED_QUERY", "INVALID_TYPE", "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_CROSS_REFERENCE_KEY",
            "INVALID_EMAIL_ADDRESS", "NUMBER_OUTSIDE_VALID_RANGE", "FIELD_INTEGRITY_EXCEPTION",
            "INVALID_TYPE_ON_FIELD_IN_RECORD", "NOT_FOUND", "INVALID_ID_FIELD", "FIELD_FILTER_VALIDATION_EXCEPTION",
            "DUPLICATES_DETECTED", "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "INSUFFICIENT_ACCESS_OR_READONLY",
            "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "ENTITY_IS_DELETED",
            // line items: a custom price before the standard one; a currency the org does not have (multi-currency
            // orgs refuse it as a restricted picklist value; INVALID_CURRENCY_ISO is the StatusCode Salesforce lists
            // for it too, unconfirmed which of the two the REST API sends)
            "STANDARD_PRICE_NOT_DEFINED", "INVALID_CURRENCY_ISO");

    /** OAuth error codes the token endpoint answers with; camel-salesforce reports them as the errorCode. */
    private static final Set<String> LOGIN_CODES = Set.of(
            "invalid_grant", "invalid_client_id", "invalid_client", "unsupported_grant_type", "inactive_user",
            "inactive_org", "invalid_request", "unauthorized_client");

    public ErrorClass classify(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return classify(caught != null ? caught : exchange.getException());
    }

    public ErrorClass classify(Throwable failure) {
        if (failure == null) {
            return ErrorClass.UNKNOWN;
        }
        if (find(failure, PoisonPayloadException.class) != null) {
            return ErrorClass.POISON;
        }
        if (find(failure, OpportunityNotYetInSalesforceException.class) != null) {
            return ErrorClass.TRANSIENT; // the order event is still on its way: retrying is exactly what helps
        }
        // every Salesforce exception of the chain: a refused re-login after an expired session arrives wrapped in an
        // outer one without status or codes
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SalesforceException sf) {
                ErrorClass fromSalesforce = classifyAnswer(sf);
                if (fromSalesforce != ErrorClass.UNKNOWN) {
                    return fromSalesforce;
                }
            }
        }
        // no status from Salesforce (status 0): the client failed to talk to it
        if (find(failure, IOException.class) != null || find(failure, TimeoutException.class) != null) {
            return ErrorClass.TRANSIENT;
        }
        return ErrorClass.UNKNOWN;
    }

    private ErrorClass classifyAnswer(SalesforceException e) {
        List<String> codes = errorCodes(e);
        int status = e.getStatusCode();
        if (isLogin(e, codes)) {
            return ErrorClass.LOGIN;
        }
        if (codes.contains("REQUEST_LIMIT_EXCEEDED") || status == 429) {
            return ErrorClass.API_LIMIT;
        }
        if (codes.contains("DUPLICATE_VALUE")) {
            return ErrorClass.DUPLICATE_VALUE;
        }
        if (codes.contains("UNABLE_TO_LOCK_ROW") || status >= 500 || codes.contains("SERVER_UNAVAILABLE")
                || codes.contains("UNKNOWN_EXCEPTION")) {
            return ErrorClass.TRANSIENT;
        }
        if (status == 400 && codes.stream().anyMatch(VALIDATION_CODES::contains)
                || status == 404 || status == 300) {
            return ErrorClass.VALIDATION;
        }
        return ErrorClass.UNKNOWN;
    }

    public boolean isLogin(Exchange e) {
        return classify(e) == ErrorClass.LOGIN;
    }

    public boolean isApiLimit(Exchange e) {
        return classify(e) == ErrorClass.API_LIMIT;
    }

    public boolean isValidation(Exchange e) {
        return classify(e) == ErrorClass.VALIDATION;
    }

    public boolean isDuplicateValue(Exchange e) {
        return classify(e) == ErrorClass.DUPLICATE_VALUE;
    }

    /** Failures of the token endpoint: camel-salesforce reports them as "Login error ..." with the OAuth code. */
    private static boolean isLogin(SalesforceException e, List<String> codes) {
        if (codes.stream().anyMatch(LOGIN_CODES::contains)) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("Login error") || message.startsWith("Unexpected login error")
                || message.startsWith("Login request timeout");
    }

    public static List<String> errorCodes(Throwable failure) {
        SalesforceException e = find(failure, SalesforceException.class);
        return e == null ? List.of() : errorCodes(e);
    }

    static List<String> errorCodes(SalesforceException e) {
        List<RestError> errors = e.getErrors();
        return errors == null ? List.of()
                : errors.stream().map(RestError::getErrorCode).filter(c -> c != null).distinct().toList();
    }

    public static List<String> errorFields(Throwable failure) {
        SalesforceException e = find(failure, SalesforceException.class);
        if (e == null || e.getErrors() == null) {
            return List.of();
        }
        return e.getErrors().stream().flatMap(r -> r.getFields() == null ? Stream.empty() : r.getFields().stream())
                .distinct().toList();
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

package io.storelink.lineitems;

import java.util.List;
import java.util.Map;

import io.storelink.salesforce.CompositeOutcome;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;

/**
 * One subrequest's answer in a lines call: a subrequest refused as a whole (its HTTP status) fails the call; a
 * collection answers per record, its errors under {@code statusCode}.
 */
final class RecordResults {

    private final List<?> results;
    private final String what;

    private RecordResults(List<?> results, String what) {
        this.results = results;
        this.what = what;
    }

    static RecordResults of(SObjectCompositeResult result, String what) throws SalesforceException {
        refusedAsAWhole(result, what);
        if (result.getBody() instanceof List<?> list) {
            return new RecordResults(list, what);
        }
        throw new SalesforceException("Salesforce answered the " + what + " without per-record results", result.getHttpStatusCode());
    }

    static void refusedAsAWhole(SObjectCompositeResult result, String what) throws SalesforceException {
        if (result.getHttpStatusCode() < 300) {
            return;
        }
        List<RestError> errors = CompositeOutcome.errors(result.getBody());
        throw new SalesforceException(errors, result.getHttpStatusCode(),
                "Salesforce rejected the " + what + ": " + result.getHttpStatusCode() + " " + CompositeOutcome.summary(errors));
    }

    /** The record's failure, null when it was saved (or when its only error is one of {@code fine}). */
    SalesforceException failure(int index, String... fine) {
        Object r = index < results.size() ? results.get(index) : null;
        if (!(r instanceof Map<?, ?> result)) {
            return new SalesforceException("Salesforce gave no result for a record of the " + what, 0);
        }
        if (Boolean.TRUE.equals(result.get("success"))) {
            return null;
        }
        List<RestError> errors = CompositeOutcome.errors(result.get("errors"));
        if (!errors.isEmpty() && errors.stream().allMatch(e -> List.of(fine).contains(e.getErrorCode()))) {
            return null;
        }
        return new SalesforceException(errors, 400, "Salesforce refused a record of the " + what + ": 400 "
                + CompositeOutcome.summary(errors));
    }
}

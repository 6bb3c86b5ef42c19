package io.storelink.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.stereotype.Component;

/**
 * A composite call answers 200 even when its subrequests failed, so every subresult is inspected here. A failed
 * subrequest fails the order with the same {@link SalesforceException} a failed plain call raises, so the error
 * handler treats both alike (status code and Salesforce errorCodes). PROCESSING_HALTED only says "rolled back
 * because another one failed": the subrequest that really failed is reported.
 */
@Component("compositeOutcome")
public class CompositeOutcome implements Processor {

    private static final String HALTED = "PROCESSING_HALTED";

    @Override
    public void process(Exchange exchange) throws SalesforceException {
        check(exchange.getIn().getBody(SObjectCompositeResponse.class));
    }

    public void check(SObjectCompositeResponse response) throws SalesforceException {
        if (response == null || response.getCompositeResponse() == null) {
            throw new SalesforceException("Salesforce composite call returned no results", 0);
        }
        SObjectCompositeResult failed = null;
        int failedIndex = -1;
        List<SObjectCompositeResult> results = response.getCompositeResponse();
        for (int i = 0; i < results.size(); i++) {
            SObjectCompositeResult result = results.get(i);
            if (result.getHttpStatusCode() >= 300 && (failed == null || isHaltedOnly(failed))) {
                failed = result;
                failedIndex = i;
            }
        }
        if (failed != null) {
            List<RestError> errors = errors(failed.getBody());
            throw new SalesforceException(errors, failed.getHttpStatusCode(),
                    "Salesforce rejected " + subrequest(failed, failedIndex) + ": " + failed.getHttpStatusCode() + " " + summary(errors));
        }
    }

    /** The reference id names the record; camel-salesforce 4.17 reads it only under the key "referenceID". */
    private static String subrequest(SObjectCompositeResult result, int index) {
        return result.getReferenceId() != null ? "the " + result.getReferenceId() + " upsert" : "subrequest " + (index + 1);
    }

    private static boolean isHaltedOnly(SObjectCompositeResult result) {
        List<RestError> errors = errors(result.getBody());
        return !errors.isEmpty() && errors.stream().allMatch(e -> HALTED.equals(e.getErrorCode()));
    }

    /**
     * Errors are untyped JSON: a list of {errorCode, message, fields} in a failed subresult, of {statusCode, message,
     * fields} in a record's result of sObject Collections.
     */
    @SuppressWarnings("unchecked")
    public static List<RestError> errors(Object body) {
        List<RestError> errors = new ArrayList<>();
        if (body instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Object fields = m.get("fields");
                    Object code = m.containsKey("errorCode") ? m.get("errorCode") : m.get("statusCode");
                    errors.add(new RestError(String.valueOf(code), String.valueOf(m.get("message")),
                            fields instanceof List<?> l ? (List<String>) l : List.of()));
                }
            }
        }
        return errors;
    }

    /** Codes and fields only: Salesforce messages can quote field values (personal data) and this text is logged. */
    public static String summary(List<RestError> errors) {
        return errors.stream()
                .map(e -> e.getErrorCode() + (e.getFields() == null || e.getFields().isEmpty() ? "" : " " + e.getFields()))
                .collect(Collectors.joining(", "));
    }
}

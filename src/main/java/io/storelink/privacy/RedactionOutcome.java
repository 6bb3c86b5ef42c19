package io.storelink.privacy;

import java.util.List;
import java.util.Map;

import io.storelink.salesforce.CompositeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.stereotype.Component;

/**
 * The redaction's composite answers 200 even when a record was refused: an sObject Collections subresult is 200 with
 * {@code success:false} per record. Both levels are checked; a refused record fails the request with Salesforce's
 * codes, so the writer's error classes decide (validation: dead letter; lock, 5xx: retried).
 */
@Component("redactionOutcome")
public class RedactionOutcome implements Processor {

    private final CompositeOutcome composite = new CompositeOutcome();

    @Override
    public void process(Exchange exchange) throws SalesforceException {
        SObjectCompositeResponse response = exchange.getIn().getBody(SObjectCompositeResponse.class);
        composite.check(response);
        for (SObjectCompositeResult result : response.getCompositeResponse()) {
            if (result.getBody() instanceof List<?> records) {
                for (Object r : records) {
                    if (r instanceof Map<?, ?> record && Boolean.FALSE.equals(record.get("success"))) {
                        List<RestError> errors = CompositeOutcome.errors(record.get("errors"));
                        throw new SalesforceException(errors, 400, "Salesforce refused to redact record " + record.get("id")
                                + ": " + CompositeOutcome.summary(errors));
                    }
                }
            }
        }
    }
}

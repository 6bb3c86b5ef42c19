package io.storelink.routes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.TypeReferences;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.utils.JsonUtils;
import org.apache.camel.component.salesforce.internal.dto.LoginError;

/**
 * Salesforce as camel-salesforce 4.17 presents it to a route. The exceptions it throws for Salesforce's HTTP answers,
 * built from the answer's body the way it builds them: REST errors as AbstractClientBase.createRestException does, a
 * failed request as its onComplete does, a refused login as SalesforceSession.login does (400 from the token
 * endpoint); answers unmarshalled, and requests serialized, by its own ObjectMapper. Bodies are the shapes of the
 * project's Salesforce reference (/work/shared/reference/salesforce.md).
 */
final class SalesforceAnswers {

    private static final ObjectMapper JSON = JsonUtils.createObjectMapper();

    /** A REST error answer: status and body {@code [{"message","errorCode","fields"}]}. */
    static SalesforceException rest(int status, String reason, String body) {
        try {
            List<RestError> errors = JSON.readValue(body, TypeReferences.REST_ERROR_LIST_TYPE);
            return new SalesforceException(errors, status,
                    "Unexpected error: " + reason + ". See exception `errors` property for detail. " + body,
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No answer (read timeout, connection refused): status 0, the client's failure as the cause. */
    static SalesforceException noAnswer(Throwable failure) {
        return new SalesforceException("Unexpected error {0:null} executing {POST:https://example.my.salesforce.com"
                + "/services/data/v64.0/composite}", 0, failure);
    }

    /** The body of a {@code salesforce:limits} answer, e.g. {@code {"DailyApiRequests":{"Max":15000,"Remaining":0}}}. */
    static Limits limits(String body) {
        try {
            return JSON.readValue(body, Limits.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer of a {@code salesforce:composite} call as camel-salesforce unmarshals it. */
    static SObjectCompositeResponse composite(String body) {
        try {
            return JSON.readValue(body, SObjectCompositeResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request body (e.g. an SObjectComposite) as camel-salesforce writes it to Salesforce. */
    static JsonNode asSent(Object request) {
        return JSON.valueToTree(request);
    }

    /** The token endpoint's 400, e.g. {@code {"error":"invalid_grant","error_description":"authentication failure"}}. */
    static SalesforceException login(String body) {
        try {
            LoginError error = JSON.readValue(body, LoginError.class);
            String message = String.format("Login error code:[%s] description:[%s]", error.getError(),
                    error.getErrorDescription());
            return new SalesforceException(List.of(new RestError(error.getError(), message)), 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stands in for camel-salesforce, whose endpoints these tests only ever advise into mocks
     * (mockEndpointsAndSkip("salesforce:*"), which also reaches an enrich's endpoint): starting the real component
     * builds an HTTPS client per context, seconds on a busy machine, for calls that are never made.
     */
    static Component standIn() {
        return new MockComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
                parameters.clear(); // camel-salesforce's options (rawPayload=true): nothing to configure on a stand-in
                return super.createEndpoint(uri, remaining, parameters);
            }
        };
    }

    private SalesforceAnswers() {
    }
}

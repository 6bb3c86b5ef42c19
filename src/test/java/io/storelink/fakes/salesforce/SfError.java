package io.storelink.fakes.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Salesforce error response: HTTP status plus the {@code [{"message","errorCode","fields"}]} body.
 * Thrown anywhere below the HTTP layer and rendered once, so every endpoint speaks the same shape.
 */
final class SfError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String errorCode;
    /** null means "omit the fields key", which is what Salesforce does for auth, limit and NOT_FOUND errors. */
    final List<String> fields;
    /** Replaces the error array as the response body (300 Multiple Choices lists the matching record URLs). */
    private final Object customBody;

    SfError(int status, String errorCode, String message, List<String> fields) {
        this(status, errorCode, message, fields, null);
    }

    private SfError(int status, String errorCode, String message, List<String> fields, Object customBody) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
        this.customBody = customBody;
    }

    static SfError multipleChoices(String errorCode, String message, List<String> recordUrls) {
        return new SfError(300, errorCode, message, List.of(), recordUrls);
    }

    static SfError badRequest(String errorCode, String message, String... fields) {
        return new SfError(400, errorCode, message, List.of(fields));
    }

    static SfError noFields(int status, String errorCode, String message) {
        return new SfError(status, errorCode, message, null);
    }

    static SfError notFound() {
        return noFields(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static SfError processingHalted(String message) {
        return noFields(400, "PROCESSING_HALTED", message);
    }

    /** REST shape: {@code {"message","errorCode","fields"}}. */
    Map<String, Object> restError() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", getMessage());
        e.put("errorCode", errorCode);
        if (fields != null) {
            e.put("fields", fields);
        }
        return e;
    }

    /** The body of an error response: a one-element error array (or the 300 URL list). */
    Object restBody() {
        return customBody != null ? customBody : List.of(restError());
    }

    /** sObject Collections shape: {@code {"statusCode","message","fields"}} (statusCode, not errorCode). */
    Map<String, Object> collectionError() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("statusCode", errorCode);
        e.put("message", getMessage());
        e.put("fields", fields == null ? List.of() : fields);
        return e;
    }
}

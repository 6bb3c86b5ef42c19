package io.storelink.salesforce;

/** The kinds of failure the writer treats differently (see routes/error-handling.camel.yaml). */
public enum ErrorClass {
    /** Login impossible (wrong secret, missing security token, flow disabled, IP restriction): pause, never dead-letter. */
    LOGIN,
    /** The org's API allowance is used up (403 REQUEST_LIMIT_EXCEEDED, or 429): pause until it recovers. */
    API_LIMIT,
    /** Salesforce rejects the data (400 validation errors): retrying cannot help, dead-letter at once. */
    VALIDATION,
    /** Two upserts created the same external id at once: a retry turns into an update. */
    DUPLICATE_VALUE,
    /**
     * Server errors, record locks, timeouts, connection failures, a fulfillment whose order has no Opportunity yet:
     * retry with backoff, then dead-letter.
     */
    TRANSIENT,
    /** The payload can never be written (not JSON, no order id): dead-letter at once. */
    POISON,
    /**
     * The configured field mapping does not fit the org (a field missing, not writable, of the wrong type): pause until
     * the start-up check passes again, never dead-letter.
     */
    MAPPING,
    /** Anything else: treated like a transient failure, then dead-lettered. */
    UNKNOWN
}

package io.storelink.deadletter;

/**
 * Headers a dead letter carries on top of the original record's (which stay unchanged). Text values, so any
 * Kafka tool can read them.
 */
public final class DeadLetterHeaders {

    public static final String ERROR_CLASS = "storelink-error-class";
    public static final String ERROR_CODES = "storelink-error-codes";
    public static final String ERROR_FIELDS = "storelink-error-fields";
    public static final String ERROR_MESSAGE = "storelink-error-message";
    public static final String ATTEMPTS = "storelink-attempts";
    public static final String FIRST_FAILURE = "storelink-first-failure";
    public static final String LAST_FAILURE = "storelink-last-failure";
    public static final String SOURCE_TOPIC = "storelink-source-topic";
    public static final String SOURCE_PARTITION = "storelink-source-partition";
    public static final String SOURCE_OFFSET = "storelink-source-offset";
    /** The Shopify order the record is about (an order event's id, a fulfillment event's order_id), when known. */
    public static final String ORDER_ID = "storelink-shopify-order-id";
    /** Set by a replay: how many times the record was replayed, and the error it had before the last replay. */
    public static final String REPLAYS = "storelink-replays";
    public static final String PREVIOUS_ERROR_CLASS = "storelink-previous-error-class";
    public static final String PREVIOUS_ERROR_CODES = "storelink-previous-error-codes";
    public static final String PREVIOUS_ERROR_MESSAGE = "storelink-previous-error-message";
    /** Set when a replay filtered by errorCode re-appends a dead letter of another code. */
    public static final String KEPT_AT = "storelink-kept-at";

    private DeadLetterHeaders() {
    }
}

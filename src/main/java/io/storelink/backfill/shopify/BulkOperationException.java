package io.storelink.backfill.shopify;

/**
 * A bulk operation that did not give a result: refused when started (a userErrors code: INVALID, LIMIT_REACHED,
 * OPERATION_IN_PROGRESS), or finished FAILED (errorCode ACCESS_DENIED, INTERNAL_SERVER_ERROR, TIMEOUT), CANCELED or
 * EXPIRED. {@code code} is Shopify's code as given, so an operator can look it up; {@code partialDataUrl} is what a
 * FAILED operation may still offer.
 */
public class BulkOperationException extends RuntimeException {

    private final String operationId;
    private final String status;
    private final String code;
    private final String partialDataUrl;

    public BulkOperationException(String message, String operationId, String status, String code, String partialDataUrl) {
        super(message);
        this.operationId = operationId;
        this.status = status;
        this.code = code;
        this.partialDataUrl = partialDataUrl;
    }

    static BulkOperationException finishedWithout(BulkOperation op) {
        String why = switch (op.status()) {
            case "FAILED" -> "failed with " + op.errorCode() + switch (String.valueOf(op.errorCode())) {
                case "ACCESS_DENIED" -> " (the app lacks a scope the query needs, e.g. read_orders or read_customers)";
                case "INTERNAL_SERVER_ERROR" -> " (may be intermittent: start it again)";
                case "TIMEOUT" -> " (select fewer fields or a shorter range, or start it again)";
                default -> "";
            };
            case "CANCELED" -> "was cancelled (by the app or by Shopify, which cancels stalled operations; start it again)";
            case "EXPIRED" -> "expired: its result link is no longer valid (Shopify keeps it seven days); start it again";
            default -> "ended " + op.status();
        };
        return new BulkOperationException("Shopify bulk operation " + op.id() + " " + why, op.id(), op.status(),
                op.errorCode() != null ? op.errorCode() : op.status(), op.partialDataUrl());
    }

    public String operationId() {
        return operationId;
    }

    /** COMPLETED (a result that could not be read), FAILED, CANCELED, EXPIRED; null when the start was refused. */
    public String status() {
        return status;
    }

    /** Shopify's errorCode or userErrors code; the status when there is none (CANCELED, EXPIRED). */
    public String code() {
        return code;
    }

    public String partialDataUrl() {
        return partialDataUrl;
    }
}

package io.storelink.backfill.salesforce;

/**
 * A backfill stopped before writing because Salesforce's daily allocation (or the API allowance the live writer
 * keeps a reserve of) would not carry it: named, with what is left and what the run needs, for the operator.
 */
public class BulkLimitException extends RuntimeException {

    public BulkLimitException(String message) {
        super(message);
    }
}

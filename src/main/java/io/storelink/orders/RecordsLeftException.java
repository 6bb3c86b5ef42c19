package io.storelink.orders;

/**
 * Fails a batch that ended early (a Salesforce call gave up): camel-kafka then reads the partitions again from their
 * committed offsets, so the records the batch did not reach are written by the next poll instead of being lost.
 */
public class RecordsLeftException extends RuntimeException {

    public RecordsLeftException(String message) {
        super(message);
    }
}

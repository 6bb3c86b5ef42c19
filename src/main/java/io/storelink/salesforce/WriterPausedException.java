package io.storelink.salesforce;

/** Thrown instead of calling Salesforce while the writer is paused: the record stays in Kafka, uncommitted. */
public class WriterPausedException extends RuntimeException {

    public WriterPausedException(String reason) {
        super(reason, null, false, false);
    }
}

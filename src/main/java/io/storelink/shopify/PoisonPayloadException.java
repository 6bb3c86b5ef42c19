package io.storelink.shopify;

/** A verified delivery whose payload can never be written (not JSON, no order id): dead-letter, never retry. */
public class PoisonPayloadException extends RuntimeException {

    public PoisonPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

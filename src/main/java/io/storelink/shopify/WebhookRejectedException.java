package io.storelink.shopify;

/**
 * A webhook delivery refused before it reaches Kafka. The status goes back to Shopify; the reason goes to the
 * log and the response body. Neither ever contains payload data.
 */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}

package io.storelink.shopify;

import java.io.IOException;
import java.io.InputStream;

import io.storelink.config.ShopifySettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads the request body as the exact bytes Shopify signed, refusing bodies above the configured size
 * (413) without buffering more than that. The endpoint streams (useStreaming=true) so nothing decodes the
 * bytes as text before the signature is checked; in front of it {@link io.storelink.webhook.RawWebhookRequest}
 * has read at most the limit + 1 byte (nothing when the declared Content-Length is over the limit).
 */
@Component("webhookBody")
public class WebhookBody implements Processor {

    private final long maxBytes;

    public WebhookBody(ShopifySettings settings) {
        this.maxBytes = settings.maxWebhookSize().toBytes();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Long declared = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) {
            throw tooLarge();
        }
        Object body = exchange.getIn().getBody();
        byte[] bytes = body instanceof byte[] b ? b : readCapped(exchange.getIn().getBody(InputStream.class));
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        exchange.getIn().setBody(bytes);
    }

    private byte[] readCapped(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            // one byte over the limit is enough to know the body is too large
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private WebhookRejectedException tooLarge() {
        return new WebhookRejectedException(413, "webhook body larger than " + maxBytes + " bytes");
    }
}

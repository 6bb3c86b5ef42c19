package io.storelink.shopify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.storelink.config.ShopifySettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code X-Shopify-Hmac-Sha256}: base64 of HMAC-SHA256 over the raw body bytes. Any of the configured
 * secrets may match, so a secret can be rotated without dropping deliveries.
 */
@Component("webhookSignature")
public class WebhookSignature implements Processor {

    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public WebhookSignature(ShopifySettings settings) {
        this.keys = settings.webhookSecretList().stream()
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String header = exchange.getIn().getHeader(ShopifyHeaders.HMAC, String.class);
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException(401, "missing " + ShopifyHeaders.HMAC + " header");
        }
        if (!verifies(exchange.getIn().getBody(byte[].class), header.trim())) {
            throw new WebhookRejectedException(401, "webhook signature does not match");
        }
    }

    /** True when the signature matches under any configured secret; compares in constant time. */
    public boolean verifies(byte[] body, String signatureBase64) throws GeneralSecurityException {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // no early exit: every secret is tried so timing does not tell which one matched
            match |= MessageDigest.isEqual(mac.doFinal(body), given);
        }
        return match;
    }
}

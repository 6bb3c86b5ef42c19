package io.storelink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.storelink.config.ShopifySettings;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":820982911946154508,\"note\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheSignatureShopifyComputes() throws Exception {
        assertThat(verifier("s3cret").verifies(BODY, sign(BODY, "s3cret"))).isTrue();
    }

    @Test
    void refusesATamperedBody() throws Exception {
        byte[] tampered = BODY.clone();
        tampered[5]++;
        assertThat(verifier("s3cret").verifies(tampered, sign(BODY, "s3cret"))).isFalse();
    }

    @Test
    void refusesAnotherSecretsSignatureAndGarbage() throws Exception {
        WebhookSignature v = verifier("s3cret");
        assertThat(v.verifies(BODY, sign(BODY, "other"))).isFalse();
        assertThat(v.verifies(BODY, "not base64 !!")).isFalse();
        assertThat(v.verifies(BODY, "")).isFalse();
        // hex of the right digest is what a common mistake produces: Shopify sends base64
        assertThat(v.verifies(BODY, java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(sign(BODY, "s3cret")))))
                .isFalse();
    }

    @Test
    void eitherSecretOfARotationPairVerifies() throws Exception {
        WebhookSignature v = verifier(" old-secret , new-secret ");
        assertThat(v.verifies(BODY, sign(BODY, "old-secret"))).isTrue();
        assertThat(v.verifies(BODY, sign(BODY, "new-secret"))).isTrue();
        assertThat(v.verifies(BODY, sign(BODY, "old-secret , new-secret"))).isFalse();
    }

    @Test
    void verifiesBytesThatAreNotUtf8() throws Exception {
        byte[] latin1 = "{\"name\":\"Søren\"}".getBytes(StandardCharsets.ISO_8859_1);
        String signature = sign(latin1, "s3cret");
        assertThat(verifier("s3cret").verifies(latin1, signature)).isTrue();
        // decoding as UTF-8 and re-encoding would replace the 0xF8 byte and break the signature
        byte[] roundTripped = new String(latin1, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        assertThat(verifier("s3cret").verifies(roundTripped, signature)).isFalse();
    }

    private static WebhookSignature verifier(String secrets) {
        return new WebhookSignature(new ShopifySettings(secrets, null, null, null, null, DataSize.ofMegabytes(5), null, null));
    }

    /** Written independently of the production code: Shopify's documented algorithm. */
    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}

package io.storelink.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSigner;

/**
 * Writes the intake benchmark's request body and its signature (bench/intake-benchmark.sh):
 * {@code BenchPayload <out-dir> <secret> [target-bytes] [seed]} creates {@code order.json}, a realistic Shopify
 * orders/create payload of about target-bytes (default 15000) as compact JSON, and {@code order.json.hmac}, the
 * X-Shopify-Hmac-Sha256 value for it (base64 HMAC-SHA256 of the exact bytes with the secret, no newline).
 */
public final class BenchPayload {

    private BenchPayload() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchPayload <out-dir> <secret> [target-bytes] [seed]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String secret = args[1];
        int target = args.length > 2 ? Integer.parseInt(args[2]) : 15_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;

        byte[] body = OrderFactory.bytes(new OrderFactory(seed).largeOrder(target));
        Files.write(dir.resolve("order.json"), body);
        Files.writeString(dir.resolve("order.json.hmac"), WebhookSigner.sign(body, secret), StandardCharsets.US_ASCII);
        System.out.println("BenchPayload: " + body.length + " bytes -> " + dir.resolve("order.json"));
    }
}

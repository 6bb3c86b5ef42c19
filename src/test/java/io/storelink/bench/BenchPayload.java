package io.storelink.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSigner;

/**
 * Writes the intake benchmark's request bodies and their signatures (bench/intake-benchmark.sh):
 * {@code BenchPayload <out-dir> <secret> [target-bytes] [count] [seed]} creates {@code order-1.json} ...
 * {@code order-<count>.json} (default 12), realistic Shopify orders/create payloads of about target-bytes (default
 * 15000) as compact JSON, each from another company customer (so their Kafka keys spread over the partitions as a
 * flash sale's would), and next to each {@code order-<i>.json.hmac}, its X-Shopify-Hmac-Sha256 value (base64
 * HMAC-SHA256 of the exact bytes with the secret, no newline).
 */
public final class BenchPayload {

    private BenchPayload() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchPayload <out-dir> <secret> [target-bytes] [count] [seed]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String secret = args[1];
        int target = args.length > 2 ? Integer.parseInt(args[2]) : 15_000;
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42L;

        OrderFactory orders = new OrderFactory(seed);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 1; i <= count; i++) {
            byte[] body = OrderFactory.bytes(orders.largeOrder(target));
            Files.write(dir.resolve("order-" + i + ".json"), body);
            Files.writeString(dir.resolve("order-" + i + ".json.hmac"), WebhookSigner.sign(body, secret),
                    StandardCharsets.US_ASCII);
            min = Math.min(min, body.length);
            max = Math.max(max, body.length);
        }
        System.out.println("BenchPayload: " + count + " orders of " + min + "-" + max + " bytes in " + dir);
    }
}

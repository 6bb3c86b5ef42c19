package io.storelink.shopify.admin;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostBucketTest {

    private final AtomicLong nanos = new AtomicLong();
    private final CostBucket bucket = new CostBucket(nanos::get);

    @Test
    void unknownBucketNeverWaits() {
        assertThat(bucket.millisUntil(999)).isZero();
    }

    @Test
    void waitsForTheMissingPointsAtTheReportedRestoreRate() throws Exception {
        bucket.record(cost(1000, 100, 50));
        assertThat(bucket.millisUntil(100)).isZero();
        assertThat(bucket.millisUntil(350)).isEqualTo(5000); // (350 - 100) / 50 per second
    }

    @Test
    void theBucketRefillsWithElapsedTimeUpToItsMaximum() throws Exception {
        bucket.record(cost(1000, 100, 50));
        nanos.addAndGet(2_000_000_000L); // 2 s: +100
        assertThat(bucket.millisUntil(200)).isZero();
        assertThat(bucket.millisUntil(300)).isEqualTo(2000);
        nanos.addAndGet(60_000_000_000L);
        assertThat(bucket.millisUntil(5000)).as("never more than the maximum is waited for").isZero();
    }

    @Test
    void spentPointsAreTakenOffTheEstimate() throws Exception {
        bucket.record(cost(1000, 400, 100));
        bucket.spend(300);
        assertThat(bucket.millisUntil(300)).isEqualTo(2000); // 100 left, 200 missing at 100/s
    }

    @Test
    void aResponseWithoutCostLeavesTheBucketAsItWas() throws Exception {
        bucket.record(cost(1000, 100, 50));
        bucket.record(new ObjectMapper().readTree("{}"));
        assertThat(bucket.millisUntil(150)).isEqualTo(1000);
    }

    private static JsonNode cost(int max, int available, int restore) throws Exception {
        return new ObjectMapper().readTree("""
                {"requestedQueryCost": 52, "actualQueryCost": 12,
                 "throttleStatus": {"maximumAvailable": %d, "currentlyAvailable": %d, "restoreRate": %d}}
                """.formatted(max, available, restore));
    }
}

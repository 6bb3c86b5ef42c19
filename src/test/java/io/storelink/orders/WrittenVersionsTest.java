package io.storelink.orders;

import io.storelink.orders.WrittenVersions.Version;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class WrittenVersionsTest {

    private static final Instant ASSIGNED = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(ASSIGNED);
    private final WrittenVersions versions = new WrittenVersions(3, MARGIN, clock);

    @Test
    void anOrderCreatedAfterTheAssignmentIsKnownAbsentWithoutAsking() {
        versions.assigned(0);
        versions.consumed(0, 100);

        assertThat(versions.known(0, Subject.order(1), ASSIGNED.plus(MARGIN).plusSeconds(1))).contains(WrittenVersions.absent());
        assertThat(versions.known(0, Subject.order(2), ASSIGNED.plus(MARGIN))).as("within the clock margin: may be older").isEmpty();
        assertThat(versions.known(0, Subject.order(3), ASSIGNED.minusSeconds(3600))).as("created before: may have been written elsewhere").isEmpty();
        assertThat(versions.known(0, Subject.order(4), null)).as("no created_at: read").isEmpty();
        assertThat(versions.known(1, Subject.order(1), ASSIGNED.plusSeconds(3600))).as("a partition never assigned here").isEmpty();
    }

    @Test
    void aVersionWrittenOrReadHereIsKnownUntilThePartitionIsAssignedAgain() {
        versions.assigned(0);
        versions.consumed(0, 100);
        Instant v1 = ASSIGNED.minusSeconds(60);
        versions.learnt(0, Subject.order(7), ASSIGNED.minusSeconds(3600), new Version(v1));
        assertThat(versions.known(0, Subject.order(7), ASSIGNED.minusSeconds(3600))).contains(new Version(v1));

        clock.set(ASSIGNED.plusSeconds(600));
        versions.assigned(0); // a rebalance, or the consumer restarted

        assertThat(versions.known(0, Subject.order(7), ASSIGNED.minusSeconds(3600))).isEmpty();
        assertThat(versions.lastReset()).isEqualTo(ASSIGNED.plusSeconds(600));
        assertThat(versions.known(0, Subject.order(8), ASSIGNED.plusSeconds(300))).as("created before the new assignment").isEmpty();
    }

    @Test
    void offsetsThatDoNotFollowOnForgetThePartition() {
        versions.assigned(0);
        versions.consumed(0, 100);
        versions.learnt(0, Subject.order(7), null, new Version(ASSIGNED));
        versions.consumed(0, 101);
        assertThat(versions.known(0, Subject.order(7), null)).isPresent();

        versions.consumed(0, 150); // another consumer wrote 102..149 meanwhile

        assertThat(versions.known(0, Subject.order(7), null)).isEmpty();

        versions.learnt(0, Subject.order(7), null, new Version(ASSIGNED));
        versions.consumed(0, 120); // the batch is read again from the committed offset after a failure
        assertThat(versions.known(0, Subject.order(7), null)).isEmpty();
    }

    @Test
    void anEvictedOrderAndEveryOrderCreatedBeforeItAreReadAgain() {
        versions.assigned(0);
        versions.consumed(0, 1);
        Instant created = ASSIGNED.plus(MARGIN).plusSeconds(10);
        for (long id = 1; id <= 4; id++) { // capacity 3: order 1 is evicted
            versions.learnt(0, Subject.order(id), created.plusSeconds(id), new Version(created.plusSeconds(id)));
        }

        assertThat(versions.known(0, Subject.order(1), created.plusSeconds(1))).as("evicted").isEmpty();
        assertThat(versions.known(0, Subject.order(9), created.plusSeconds(1).minus(MARGIN))).as("created before the evicted one").isEmpty();
        assertThat(versions.known(0, Subject.order(4), created.plusSeconds(4))).contains(new Version(created.plusSeconds(4)));
        assertThat(versions.known(0, Subject.order(10), created.plusSeconds(1).plus(MARGIN).plusSeconds(1))).contains(WrittenVersions.absent());
    }

    @Test
    void aWriteWithoutAKnownOutcomeIsForgottenAndReadAgain() {
        versions.assigned(0);
        versions.consumed(0, 1);
        Instant created = ASSIGNED.plus(MARGIN).plusSeconds(5);
        assertThat(versions.known(0, Subject.order(5), created)).contains(WrittenVersions.absent());

        versions.forget(0, Subject.order(5), created); // its write was dead-lettered: Salesforce may or may not have it

        assertThat(versions.known(0, Subject.order(5), created)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

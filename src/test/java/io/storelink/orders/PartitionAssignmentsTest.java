package io.storelink.orders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionAssignmentsTest {

    private final WrittenVersions versions = new WrittenVersions(100, Duration.ofSeconds(30));
    private final PartitionAssignments assignments = new PartitionAssignments(versions);

    @Test
    void aRecordPolledBeforeItsPartitionMovedBelongsToTheNewOwner() throws Exception {
        long before = System.currentTimeMillis() - 1;
        // another consumer (thread) of this instance is assigned partition 2
        CompletableFuture.runAsync(() -> assertThat(assignments.getState("shopify.orders/2")).isNull()).get();

        assertThat(assignments.polledBeforeAssignment(2, before)).isTrue();
        assertThat(assignments.polledBeforeAssignment(2, System.currentTimeMillis() + 1)).as("polled after").isFalse();
        assertThat(assignments.polledBeforeAssignment(1, before)).as("another partition, this consumer not reassigned").isFalse();
    }

    @Test
    void aRecordPolledBeforeThisConsumerWasAssignedAgainIsLeftToo() {
        long before = System.currentTimeMillis() - 1;
        assignments.getState("shopify.orders/0"); // this thread's consumer: partition 1 went elsewhere, 0 stays

        assertThat(assignments.polledBeforeAssignment(1, before)).isTrue();
    }

    @Test
    void anAssignmentResetsWhatTheWriterKnowsOfThePartition() {
        versions.assigned(0);
        versions.consumed(0, 5);
        versions.learnt(0, Subject.order(42), null, new WrittenVersions.Version(java.time.Instant.EPOCH));

        assignments.getState("shopify.orders/0");

        assertThat(versions.known(0, Subject.order(42), null)).isEmpty();
    }
}

package io.storelink.orders;

import org.apache.camel.spi.StateRepository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Tells {@link WrittenVersions} and the batch writer when the orders writer's consumers are assigned partitions.
 * <p>
 * camel-kafka 4.17 has no option for a rebalance listener of our own. Its {@code offsetRepository} is asked, in
 * the consumer's {@code onPartitionsAssigned}, for a stored offset of each partition now assigned: this repository
 * stores none (so Kafka's committed offsets stand, as without it) and takes each question as the assignment notice.
 * What camel-kafka writes to it (offsets it committed) is ignored: offsets live in Kafka.
 */
@Component("partitionAssignments")
public class PartitionAssignments implements StateRepository<String, String> {

    private final WrittenVersions versions;
    private final Map<Integer, Long> assignedAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> assignedAtByConsumer = new ConcurrentHashMap<>();

    public PartitionAssignments(WrittenVersions versions) {
        this.versions = versions;
    }

    /** {@code key} is {@code <topic>/<partition>}; the answer null means "no stored offset". */
    @Override
    public String getState(String key) {
        int slash = key.lastIndexOf('/');
        if (slash >= 0) {
            int partition = Integer.parseInt(key.substring(slash + 1));
            long now = System.currentTimeMillis();
            assignedAt.put(partition, now);
            assignedAtByConsumer.put(Thread.currentThread().getId(), now); // asked on the consumer's own thread
            versions.assigned(partition);
        }
        return null;
    }

    /**
     * Was this record polled before its partition, or this consumer, was last assigned partitions? camel-kafka's
     * batching keeps records across polls until a batch is full; a rebalance in one of those polls hands the
     * partition to its new owner, which reads the records again from the committed offset. Such a record belongs to
     * that owner: written here it would be written twice, and its commit could move the partition's offset back.
     * Called on the consumer's thread (the batch's first step). Not seen from here: a rebalance that leaves this
     * consumer no partition at all (then it is not asked), and assignments in other instances for partitions this
     * consumer lost; those records are written twice at worst (upserts, version guard), never lost.
     */
    public boolean polledBeforeAssignment(int partition, long polledAtMillis) {
        Long partitionAssigned = assignedAt.get(partition);
        Long consumerAssigned = assignedAtByConsumer.get(Thread.currentThread().getId());
        return partitionAssigned != null && polledAtMillis < partitionAssigned
                || consumerAssigned != null && polledAtMillis < consumerAssigned;
    }

    @Override
    public void setState(String key, String value) {
        // nothing stored: offsets live in Kafka
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }
}

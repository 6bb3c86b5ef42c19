package io.storelink.salesforce.batch;

import org.apache.camel.spi.StateRepository;
import org.springframework.stereotype.Component;

/**
 * Tells {@link WrittenVersions} when the orders writer's consumer is assigned partitions.
 * <p>
 * camel-kafka 4.17 has no option for a rebalance listener of our own. Its {@code offsetRepository} is asked, in
 * the consumer's {@code onPartitionsAssigned}, for a stored offset of each partition now assigned: this repository
 * stores none (so Kafka's committed offsets stand, as without it) and takes each question as the assignment notice.
 * What camel-kafka writes to it (offsets it committed) is ignored: offsets live in Kafka.
 */
@Component("partitionAssignments")
public class PartitionAssignments implements StateRepository<String, String> {

    private final WrittenVersions versions;

    public PartitionAssignments(WrittenVersions versions) {
        this.versions = versions;
    }

    /** {@code key} is {@code <topic>/<partition>}; the answer null means "no stored offset". */
    @Override
    public String getState(String key) {
        int slash = key.lastIndexOf('/');
        if (slash >= 0) {
            versions.assigned(Integer.parseInt(key.substring(slash + 1)));
        }
        return null;
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

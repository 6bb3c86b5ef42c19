package io.storelink.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Commits the consumed record's offset. Called only once its outcome is safe (written to Salesforce, or its dead
 * letter acknowledged by the broker): a crash before this point redelivers the record, never loses it.
 */
@Component("commitOffset")
public class CommitOffset implements Processor {

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("no manual commit handle: the consumer must use allowManualCommit=true");
        }
        commit.commit();
    }
}

package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobPollsTest {

    @Test
    void readsBackOffUpToTheMaximum() {
        JobPolls polls = new JobPolls(2000, 30000, 5);

        assertThat(polls.delay(0)).isEqualTo(2000);
        assertThat(polls.delay(1)).isEqualTo(3000);
        assertThat(polls.delay(2)).isEqualTo(4500);
        assertThat(polls.delay(7)).isEqualTo(30000);
        assertThat(polls.delay(500)).isEqualTo(30000);
        long tenMinutes = 0;
        int reads = 0;
        while (tenMinutes < 600_000) {
            tenMinutes += polls.delay(reads++);
        }
        assertThat(reads).as("reads of a ten-minute job").isLessThanOrEqualTo(26);
    }
}

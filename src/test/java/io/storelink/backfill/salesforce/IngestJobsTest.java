package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a refused row's log line may show of its key: ids, never a guest's email. */
class IngestJobsTest {

    @Test
    void aGuestsKeyIsLoggedWithoutItsEmail() {
        assertThat(IngestJobs.loggable("820982911946154508")).isEqualTo("820982911946154508");
        assertThat(IngestJobs.loggable("shop_cust_7")).isEqualTo("shop_cust_7");
        assertThat(IngestJobs.loggable("shop_guest_ana.silva@example.com")).isEqualTo("<a guest's key>");
        assertThat(IngestJobs.loggable("guest_ana_b@example.com")).doesNotContain("ana", "example");
    }
}

package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.storelink.TestSettings;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The version query's steps: its SOQL, its result pages as CSV followed by Sforce-Locator, its failure. */
class VersionQueryTest {

    private final VersionQuery query = new VersionQuery(TestSettings.mapping());
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void asksForEveryOpportunityWithAVersion() {
        query.newJob(exchange);

        assertThat(exchange.getMessage().getBody(QueryJob.class).getQuery()).isEqualTo(
                "SELECT External_Shopify_Order_ID__c, Shopify_Updated_At__c FROM Opportunity WHERE Shopify_Updated_At__c != null");
    }

    @Test
    void pagesAreReadIntoTheVersionsUntilTheLocatorIsNull() throws Exception {
        query.newJob(exchange);
        QueryJob done = new QueryJob();
        done.setState(JobStateEnum.JOB_COMPLETE);
        exchange.getMessage().setBody(done);
        query.finished(exchange);
        assertThat(query.morePages(exchange)).as("the first page").isTrue();

        page("External_Shopify_Order_ID__c,Shopify_Updated_At__c\n1001,2024-05-01T10:00:00.000Z\n1002,\n", "MjA");
        assertThat(exchange.getMessage().getHeader("locator")).isEqualTo("MjA");
        assertThat(query.morePages(exchange)).isTrue();
        page("External_Shopify_Order_ID__c,Shopify_Updated_At__c\n1003,2024-05-02T10:00:00.000+0000\n", "null");
        assertThat(query.morePages(exchange)).isFalse();

        KnownVersions versions = exchange.getProperty(KnownVersions.PROPERTY, KnownVersions.class);
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.writes("1001", Instant.parse("2024-05-01T10:00:00Z"))).isFalse();
        assertThat(versions.writes("1002", Instant.parse("2024-05-01T10:00:00Z"))).as("no version: written").isTrue();
        assertThat(versions.writes("1003", Instant.parse("2024-05-02T10:00:00Z"))).as("REST's +0000 form too").isFalse();
    }

    @Test
    void aFailedQueryJobFailsTheRun() {
        QueryJob failed = new QueryJob();
        failed.setState(JobStateEnum.FAILED);
        exchange.getMessage().setBody(failed);

        assertThat(query.working(exchange)).isFalse();
        assertThatThrownBy(() -> query.finished(exchange)).isInstanceOf(BulkJobFailedException.class)
                .hasMessageContaining("(Opportunity) ended FAILED");
    }

    private void page(String csv, String locator) throws Exception {
        exchange.getMessage().setBody(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        exchange.getMessage().setHeader("Sforce-Locator", locator);
        query.page(exchange);
    }
}

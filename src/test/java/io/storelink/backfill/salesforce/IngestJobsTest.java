package io.storelink.backfill.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.storelink.TestSettings;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The job a table becomes (an upsert by its external id, or an insert), and what a refused row's log line may show of
 * its key: ids, never a guest's email; an inserted row Salesforce has already is no refusal.
 */
class IngestJobsTest {

    private final IngestJobs jobs = new IngestJobs();

    @Test
    void aGuestsKeyIsLoggedWithoutItsEmail() {
        assertThat(IngestJobs.loggable("820982911946154508")).isEqualTo("820982911946154508");
        assertThat(IngestJobs.loggable("shop_cust_7")).isEqualTo("shop_cust_7");
        assertThat(IngestJobs.loggable("shop_guest_ana.silva@example.com")).isEqualTo("<a guest's key>");
        assertThat(IngestJobs.loggable("guest_ana_b@example.com")).doesNotContain("ana", "example");
    }

    @Test
    void aTableIsUpsertedByItsExternalIdUnlessItsRowsAreInserted() {
        Exchange upsert = exchange("Product2", "External_Shopify_Variant_ID__c", false);
        jobs.newJob(upsert);
        assertThat(upsert.getMessage().getBody(Job.class)).satisfies(j -> {
            assertThat(j.getOperation()).isEqualTo(OperationEnum.UPSERT);
            assertThat(j.getExternalIdFieldName()).isEqualTo("External_Shopify_Variant_ID__c");
        });

        Exchange insert = exchange("PricebookEntry", "External_Shopify_Price_Key__c", true);
        jobs.newJob(insert);
        assertThat(insert.getMessage().getBody(Job.class)).satisfies(j -> {
            assertThat(j.getOperation()).isEqualTo(OperationEnum.INSERT);
            assertThat(j.getExternalIdFieldName()).as("Salesforce takes none on an insert").isNull();
            assertThat(j.getObject()).isEqualTo("PricebookEntry");
        });
    }

    @Test
    void anInsertedRowSalesforceHasAlreadyIsCountedAsThereNotRefused() throws Exception {
        Exchange job = exchange("PricebookEntry", "External_Shopify_Price_Key__c", true);
        job.setProperty(IngestJobs.FAILED, 3L);
        job.getMessage().setBody(new ByteArrayInputStream(("sf__Error,sf__Id,External_Shopify_Price_Key__c,UnitPrice\n"
                + "DUPLICATE_VALUE:This price definition already exists in this price book: --,,01s:101,12.50\n"
                + "DUPLICATE_VALUE:duplicate value found: External_Shopify_Price_Key__c:External_Shopify_Price_Key__c --,,01s:102,3\n"
                + "FIELD_INTEGRITY_EXCEPTION:bad:Product2Id --,,01s:103,4\n").getBytes(StandardCharsets.UTF_8)));

        List<Map<String, String>> refused = jobs.refused(job);

        assertThat(refused).extracting(r -> r.get("External_Shopify_Price_Key__c")).containsExactly("01s:103");
        assertThat(job.getProperty(IngestJobs.EXISTING, Long.class)).isEqualTo(2L);
        assertThat(job.getProperty(IngestJobs.FAILED, Long.class)).isEqualTo(1L);
    }

    @Test
    void anUpsertedRowRefusedAsADuplicateIsRefused() throws Exception {
        Exchange job = exchange("Product2", "External_Shopify_Variant_ID__c", false);
        job.setProperty(IngestJobs.FAILED, 1L);
        job.getMessage().setBody(new ByteArrayInputStream(("sf__Error,sf__Id,External_Shopify_Variant_ID__c\n"
                + "DUPLICATE_VALUE:duplicate value found --,,101\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(jobs.refused(job)).hasSize(1);
        assertThat(job.getProperty(IngestJobs.FAILED, Long.class)).isEqualTo(1L);
    }

    private static Exchange exchange(String object, String externalId, boolean insert) {
        Exchange e = new DefaultExchange(TestSettings.camel());
        e.setProperty(IngestJobs.OBJECT, object);
        e.setProperty(IngestJobs.EXTERNAL_ID, externalId);
        e.setProperty(IngestJobs.INSERT, insert);
        return e;
    }
}

package io.storelink.backfill.salesforce;

import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;

/** Salesforce ended an ingest job as a whole (Failed or Aborted): none of its rows may be trusted as written. */
public class BulkJobFailedException extends RuntimeException {

    public BulkJobFailedException(String object, String jobId, JobStateEnum state, String reason) {
        super("Bulk API 2.0 job " + jobId + " (" + object + ") ended " + state + (reason == null ? "" : ": " + reason));
    }
}

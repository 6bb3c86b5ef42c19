/**
 * The backfill's Salesforce side: the store's history as Bulk API 2.0 ingest jobs (CSV upserts by the same external
 * ids and the same mapping as the live writer), Accounts, then Contacts, then Opportunities; before them, the versions
 * Salesforce already has (one query job: {@link io.storelink.backfill.salesforce.KnownVersions}) and the daily Bulk
 * API limits ({@link io.storelink.backfill.salesforce.BulkLimits}).
 */
package io.storelink.backfill.salesforce;

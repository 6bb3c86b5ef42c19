/**
 * The backfill's Salesforce side: the store's history as Bulk API 2.0 ingest jobs (CSV upserts by the same external
 * ids and the same mapping as the live writer), Accounts, then Contacts, then Opportunities.
 */
package io.storelink.backfill.salesforce;

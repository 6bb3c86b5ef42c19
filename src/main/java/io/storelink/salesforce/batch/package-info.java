/**
 * The orders writer's batches: the plan (newest event per order, version reads, writes of 200 orders), the
 * composite calls and their per-record results, the versions known since a partition was assigned, and the commits.
 */
package io.storelink.salesforce.batch;

/**
 * Orders to Salesforce (routes/orders-to-salesforce.camel.yaml): an order's Account, Contact and Opportunity by the
 * field mapping (and the variables it computes: buyer, names, stage), and the writer's batches: the plan (newest event
 * per order, version reads, writes of 200 orders), the composite calls and their per-record results, the versions
 * known since a partition was assigned, and the commits.
 */
package io.storelink.orders;

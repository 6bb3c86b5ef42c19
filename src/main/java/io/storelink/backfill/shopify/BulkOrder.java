package io.storelink.backfill.shopify;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One order of the bulk result as its JSONL line (customer and addresses inside), with its line items' lines. */
public record BulkOrder(JsonNode order, List<JsonNode> lineItems) {
}

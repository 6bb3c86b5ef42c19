package io.storelink.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.mapping.MappingSettings;
import io.storelink.salesforce.AppliedVersion;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Keeps the batch; takes from the SOQL answer the Shopify {@code updated_at} each order's Opportunity has. */
@Component("syncedVersions")
public class SyncedVersions implements AggregationStrategy {

    private final ObjectMapper json;
    private final MappingSettings mapping;

    public SyncedVersions(ObjectMapper json, MappingSettings mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    @Override
    public Exchange aggregate(Exchange batch, Exchange query) {
        if (query.getException() != null) {
            batch.setException(query.getException());
            return batch;
        }
        String idField = mapping.opportunity().externalId();
        String versionField = mapping.opportunity().shopifyUpdatedAt();
        Map<String, Instant> synced = new HashMap<>();
        try (InputStream body = query.getIn().getBody(InputStream.class)) {
            for (JsonNode r : json.readTree(body).path("records")) {
                if (r.hasNonNull(idField) && r.hasNonNull(versionField)) {
                    synced.put(r.get(idField).asText(), AppliedVersion.parse(r.get(versionField).asText()));
                }
            }
        } catch (IOException e) {
            batch.setException(e);
        }
        batch.setProperty(Reconciliation.SYNCED, synced);
        return batch;
    }
}

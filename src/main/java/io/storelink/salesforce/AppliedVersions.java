package io.storelink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For the pollers' batch check: keeps the batch, takes from a SOQL answer which version (a Shopify
 * {@code updated_at} stored in {@code versionField}) each record has, by Shopify id ({@code idField}), into the
 * exchange property {@value #PROPERTY}. One query per batch instead of one writer call per event.
 */
public class AppliedVersions implements AggregationStrategy {

    public static final String PROPERTY = "appliedVersions";

    private final ObjectMapper json;
    private final String idField;
    private final String versionField;

    public AppliedVersions(ObjectMapper json, String idField, String versionField) {
        this.json = json;
        this.idField = idField;
        this.versionField = versionField;
    }

    @Override
    public Exchange aggregate(Exchange batch, Exchange query) {
        if (query.getException() != null) {
            batch.setException(query.getException());
            return batch;
        }
        Map<String, Instant> applied = new HashMap<>();
        try (InputStream body = query.getIn().getBody(InputStream.class)) {
            for (JsonNode r : json.readTree(body).path("records")) {
                if (r.hasNonNull(idField) && r.hasNonNull(versionField)) {
                    applied.put(r.get(idField).asText(), AppliedVersion.parse(r.get(versionField).asText()));
                }
            }
        } catch (IOException e) {
            batch.setException(e);
        }
        batch.setProperty(PROPERTY, applied);
        return batch;
    }

    /** True when Salesforce has no record for {@code id} or an older version than {@code version}. */
    public static boolean isNewer(Map<String, Instant> applied, String id, Instant version) {
        Instant have = applied.get(id);
        return have == null || have.isBefore(version);
    }
}

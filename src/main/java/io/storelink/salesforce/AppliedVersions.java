package io.storelink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For the pollers' batch check: the SOQL query for a batch of Shopify ids ({@link #query}), and, as the enrich's
 * strategy, which version (a Shopify {@code updated_at} stored in {@code versionField}) each record has, by Shopify
 * id ({@code idField}), into the exchange property {@value #PROPERTY}. One query per batch instead of one writer
 * call per event.
 */
public class AppliedVersions implements AggregationStrategy {

    public static final String PROPERTY = "appliedVersions";

    private final ObjectMapper json;
    private final String object;
    private final String idField;
    private final String versionField;
    private final String keyPrefix;

    public AppliedVersions(ObjectMapper json, String object, String idField, String versionField) {
        this(json, object, idField, versionField, "");
    }

    /** {@code keyPrefix}: the external id is the Shopify id after a prefix ({@code shop_cust_<id>} of a person Account). */
    public AppliedVersions(ObjectMapper json, String object, String idField, String versionField, String keyPrefix) {
        this.json = json;
        this.object = object;
        this.idField = idField;
        this.versionField = versionField;
        this.keyPrefix = keyPrefix;
    }

    public String idField() {
        return idField;
    }

    /** The Shopify id in an external id value read back. */
    public long shopifyId(String externalId) {
        return Long.parseLong(externalId.substring(keyPrefix.length()));
    }

    /** The field holding the applied version. */
    public String versionField() {
        return versionField;
    }

    /** SOQL for the versions of these records; the ids are Shopify's numeric ids, so there is nothing to escape. */
    public String query(Collection<Long> shopifyIds) {
        String ids = shopifyIds.stream().distinct().map(id -> "'" + keyPrefix + id + "'").collect(Collectors.joining(","));
        return "SELECT " + idField + ", " + versionField + " FROM " + object + " WHERE " + idField + " IN (" + ids + ")";
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

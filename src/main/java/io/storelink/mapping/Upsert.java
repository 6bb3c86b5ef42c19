package io.storelink.mapping;

import java.util.Map;

/**
 * One Salesforce upsert by external id: {@code PATCH /sobjects/<sObject>/<externalIdField>/<externalId>}.
 * {@code fields} never contains the external id field (Salesforce rejects it in the body).
 */
public record Upsert(String sObject, String externalIdField, String externalId, Map<String, Object> fields) {
}

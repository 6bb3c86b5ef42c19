package io.storelink.privacy;

import java.util.List;
import java.util.Map;

/**
 * What a customers/redact request changes: field updates by Id (sObject Collections records, {@code attributes.type}
 * set), the Ids to delete, and for the audit each change without its values (object, record Id, field names).
 * Empty when Salesforce already shows the redacted state: a repeated request writes nothing.
 */
public record RedactionPlan(List<Map<String, Object>> updates, List<String> deletes, List<Change> changes) {

    /** One record changed: {@code action} is "anonymised" or "deleted"; {@code fields} the names, never the values. */
    public record Change(String object, String id, String action, List<String> fields) {
    }

    public boolean isEmpty() {
        return updates.isEmpty() && deletes.isEmpty();
    }
}

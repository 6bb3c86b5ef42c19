package io.storelink.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Salesforce holds of one customer in the records Storelink manages, as the privacy route read it: the Contact
 * and the customer's own Account (each null when absent) and the Opportunities of the request's orders or linked to
 * that Contact or Account. Records are field maps as Salesforce answered them, without {@code attributes}.
 */
public record CustomerRecords(Map<String, Object> contact, Map<String, Object> account, List<Map<String, Object>> opportunities) {

    /** The records of a composite query subresult body ({@code {"records":[...]}}). */
    static List<Map<String, Object>> records(Object queryResult) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (queryResult instanceof Map<?, ?> result && result.get("records") instanceof List<?> records) {
            for (Object r : records) {
                if (r instanceof Map<?, ?> record) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    record.forEach((k, v) -> {
                        if (!"attributes".equals(k)) {
                            fields.put(String.valueOf(k), v);
                        }
                    });
                    out.add(fields);
                }
            }
        }
        return out;
    }

    public int size() {
        return (contact == null ? 0 : 1) + (account == null ? 0 : 1) + opportunities.size();
    }
}

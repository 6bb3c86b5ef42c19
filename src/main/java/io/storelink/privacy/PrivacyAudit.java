package io.storelink.privacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The audit records of the privacy topic (storelink.kafka.privacy-audit-topic): what a request changed, with no
 * personal data (the customer and record ids, field names, never values), and a one-line summary for the log.
 */
@Component("privacyAudit")
public class PrivacyAudit {

    /** Exchange property: the summary the route logs (ids and field names only). */
    public static final String SUMMARY = "privacyAuditSummary";

    private final ObjectMapper json;
    private final PrivacySettings settings;

    public PrivacyAudit(ObjectMapper json, PrivacySettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** customers/redact: the changes (none when Salesforce already showed the redacted state). */
    public byte[] redacted(@ExchangeProperty(ParsePrivacyRequest.REQUEST) PrivacyRequest request, @Body RedactionPlan plan,
                           Exchange exchange) throws JsonProcessingException {
        Map<String, Object> record = base("redact", request);
        record.put("customer_id", request.customerId());
        record.put("orders_to_redact", request.orderIds());
        record.put("mode", settings.redact().name().toLowerCase(java.util.Locale.ROOT));
        record.put("changes", plan.changes());
        exchange.setProperty(SUMMARY, "customer " + request.customerId() + " of " + request.shop() + ": "
                + (plan.changes().isEmpty() ? "nothing left to change" : plan.changes().size() + " record(s) "
                + plan.changes().stream().map(c -> c.object() + " " + c.id() + " " + c.action()
                        + (c.fields().isEmpty() ? "" : " " + c.fields())).collect(Collectors.joining(", "))));
        return json.writeValueAsBytes(record);
    }

    /** shop/redact: the shop's data is to be erased; what Storelink did (stopped its pollers) and when it was asked. */
    public byte[] shopRedacted(@Body PrivacyRequest request) throws JsonProcessingException {
        Map<String, Object> record = base("shop_redact", request);
        record.put("changes", List.of(Map.of("action", "pollers stopped")));
        return json.writeValueAsBytes(record);
    }

    static Map<String, Object> base(String type, PrivacyRequest request) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", type);
        record.put("topic", request.topic());
        record.put("shop", request.shop());
        record.put("requested_at", request.requestedAt());
        record.put("processed_at", Instant.now().toString());
        return record;
    }
}

package io.storelink.orderchanges;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * What a refund writes to the Opportunity: the order's total refunded (absolute, see {@link RefundTotal}) and, once
 * everything is refunded, the configured refunded stage (storelink.mapping.opportunity.refunded-stage-name; empty
 * leaves the stage as the order writer set it).
 */
@Component("refundFields")
public class RefundFields {

    private final String totalRefunded;
    private final String refundedStage;

    public RefundFields(OrderChangeSettings settings) {
        this.totalRefunded = settings.refund().totalRefunded();
        this.refundedStage = settings.opportunity().refundedStageName();
    }

    public Map<String, Object> map(@Body RefundTotal.Totals totals) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(totalRefunded, totals.refunded());
        if (totals.fullyRefunded() && !refundedStage.isEmpty()) {
            fields.put("StageName", refundedStage);
        }
        return fields;
    }
}

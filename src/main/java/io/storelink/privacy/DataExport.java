package io.storelink.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * customers/data_request: what Salesforce holds of the customer in the records Storelink manages (the mapped fields
 * of the Contact, the customer's Account and the Opportunities), as one JSON document for the merchant to send on.
 * Personal data by nature: it goes to the audit topic (and the export directory), never to the log.
 */
@Component("dataExport")
public class DataExport {

    private final ObjectMapper json;
    private final ManagedFields fields;

    public DataExport(ObjectMapper json, ManagedFields fields) {
        this.json = json;
        this.fields = fields;
    }

    public byte[] export(@ExchangeProperty(ParsePrivacyRequest.REQUEST) PrivacyRequest request, @Body CustomerRecords records)
            throws JsonProcessingException {
        Map<String, Object> document = PrivacyAudit.base("data_request", request);
        document.put("customer_id", request.customerId());
        document.put("data_request_id", request.dataRequestId());
        document.put("orders_requested", request.orderIds());
        Map<String, Object> salesforce = new LinkedHashMap<>();
        salesforce.put(fields.mapping().contact().object(), records.contact() == null ? List.of() : List.of(records.contact()));
        salesforce.put(fields.mapping().account().object(), records.account() == null ? List.of() : List.of(records.account()));
        salesforce.put(fields.mapping().opportunity().object(), records.opportunities());
        document.put("salesforce", salesforce);
        return json.writeValueAsBytes(document);
    }
}

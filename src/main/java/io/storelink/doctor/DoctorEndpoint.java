package io.storelink.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/doctor}: the doctor's checks in a running bridge, behind the console login like every actuator
 * endpoint but health. Runs them on each request (a few Salesforce and Shopify calls), so it is not a probe.
 */
@Component
@Endpoint(id = "doctor")
public class DoctorEndpoint {

    private final Doctor doctor;

    public DoctorEndpoint(Doctor doctor) {
        this.doctor = doctor;
    }

    @ReadOperation
    public Map<String, Object> examine() {
        List<Finding> findings = doctor.examine();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthy", Doctor.healthy(findings));
        body.put("failed", findings.stream().filter(f -> !f.ok()).count());
        body.put("checks", findings);
        return body;
    }
}

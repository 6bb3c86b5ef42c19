package io.storelink.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/** Runs every {@link DoctorCheck} in order; shared by the command and the actuator endpoint. */
@Component
public class Doctor {

    private final List<DoctorCheck> checks;

    public Doctor(List<DoctorCheck> checks) {
        this.checks = checks.stream().sorted(Comparator.comparingInt(DoctorCheck::order)).toList();
    }

    public List<Finding> examine() {
        List<Finding> findings = new ArrayList<>();
        for (DoctorCheck check : checks) {
            findings.addAll(check.run());
        }
        return findings;
    }

    public static boolean healthy(List<Finding> findings) {
        return findings.stream().allMatch(Finding::ok);
    }
}

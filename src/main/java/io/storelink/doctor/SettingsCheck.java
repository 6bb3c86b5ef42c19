package io.storelink.doctor;

import java.util.List;

import org.springframework.stereotype.Component;

import io.storelink.config.MissingSettingException;
import io.storelink.config.RequiredSettings;

/** Every required setting present (the ones the bridge refuses to start without), each missing one named. */
@Component
class SettingsCheck implements DoctorCheck {

    private final RequiredSettings required;

    SettingsCheck(RequiredSettings required) {
        this.required = required;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Finding> run() {
        List<MissingSettingException> missing = required.missing();
        if (missing.isEmpty()) {
            return List.of(Finding.passed("Settings", "required", "every required setting is present"));
        }
        return missing.stream()
                .map(m -> Finding.failed("Settings", m.variable(), "not set", "set " + m.variable() + ": " + m.why()))
                .toList();
    }
}

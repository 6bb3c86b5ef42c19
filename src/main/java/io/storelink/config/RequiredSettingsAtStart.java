package io.storelink.config;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.storelink.command.Commands;

/**
 * The bridge does not start without its required settings (the first one missing fails the start, explained by
 * {@link MissingSettingFailureAnalyzer}). Not under a command: the doctor reports them all instead.
 */
@Component
@Profile("!" + Commands.PROFILE)
public class RequiredSettingsAtStart {

    public RequiredSettingsAtStart(RequiredSettings settings) {
        List<MissingSettingException> missing = settings.missing();
        if (!missing.isEmpty()) {
            throw missing.get(0);
        }
    }
}

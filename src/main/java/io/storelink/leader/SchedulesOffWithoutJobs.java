package io.storelink.leader;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code storelink.jobs.enabled=false}: the poller schedules (routes/poller-schedules.camel.yaml) are not loaded; the
 * jobs' direct: routes stay callable. Camel's {@code camel.main.routes-exclude-pattern} does it, set here because a
 * property in application.yaml cannot express "if the jobs are off", and the YAML DSL's {@code autoStartup} is a
 * boolean (a placeholder there fails the DSL schema that editors check the route files against). Not
 * {@code auto-startup-exclude-pattern}: routes left stopped that way count as DOWN in Camel's route health check,
 * which would keep an intake-only instance from ever being ready.
 */
public class SchedulesOffWithoutJobs implements EnvironmentPostProcessor {

    static final String SCHEDULES = "**/poller-schedules.camel.yaml";
    private static final String EXCLUDE = "camel.main.routes-exclude-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("storelink.jobs.enabled", Boolean.class, true)) {
            String excluded = environment.getProperty(EXCLUDE, "");
            environment.getPropertySources().addFirst(new MapPropertySource("storelink-schedules-off",
                    Map.of(EXCLUDE, excluded.isBlank() ? SCHEDULES : excluded + "," + SCHEDULES)));
        }
    }
}

package io.storelink.security;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without console credentials the Hawtio console and Jolokia do not exist (404) rather than exist unprotected:
 * their actuator endpoints get {@code access: none}. Done before the context starts because Hawtio's
 * auto-configuration asks whether the endpoints are available; a property in application.yaml cannot express
 * "if the password is empty".
 */
public class ConsoleOffWithoutCredentials implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String user = environment.getProperty("storelink.console.username", "");
        String password = environment.getProperty("storelink.console.password", "");
        if (user.isBlank() || password.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("storelink-console-off", Map.of(
                    "management.endpoint.hawtio.access", "none",
                    "management.endpoint.jolokia.access", "none")));
        }
    }
}

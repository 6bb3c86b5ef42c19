package io.storelink.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code STORELINK_ROUTES_RELOAD=true} ({@code storelink.routes.reload}): Camel's route reload watches the folder of
 * the route files ({@code camel.main.routes-include-pattern}, i.e. {@code STORELINK_ROUTES}) and replaces the routes
 * of a saved file in the running bridge. Camel needs that folder and file pattern as two more settings; they are
 * derived here so they can never disagree with where the routes are loaded from. Only the routes of the changed
 * file are replaced ({@code routes-reload-remove-all-routes=false}): the other routes keep running.
 */
public class RouteReload implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("storelink.routes.reload", Boolean.class, false)) {
            return;
        }
        String include = environment.getProperty("camel.main.routes-include-pattern", "");
        Path files = fileLocation(include).orElseThrow(() -> new IllegalStateException(
                "STORELINK_ROUTES_RELOAD=true needs route files on the file system (STORELINK_ROUTES=file:<folder>/*.camel.yaml), not: " + include));
        Path folder = files.getParent() == null ? Path.of(".") : files.getParent();
        Map<String, Object> reload = new HashMap<>();
        reload.put("camel.main.routes-reload-enabled", "true");
        reload.put("camel.main.routes-reload-directory", folder.toString());
        reload.put("camel.main.routes-reload-pattern", files.getFileName().toString());
        reload.put("camel.main.routes-reload-remove-all-routes", "false");
        environment.getPropertySources().addFirst(new MapPropertySource("storelink-route-reload", reload));
    }

    /** The first {@code file:} entry of the include pattern, e.g. {@code routes/*.camel.yaml}. */
    static Optional<Path> fileLocation(String includePattern) {
        return Arrays.stream(includePattern.split(","))
                .map(String::trim)
                .filter(p -> p.startsWith("file:"))
                .map(p -> Path.of(p.substring("file:".length())))
                .findFirst();
    }
}

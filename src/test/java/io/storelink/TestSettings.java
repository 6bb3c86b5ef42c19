package io.storelink;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.storelink.inventory.InventorySettings;
import io.storelink.mapping.MappingSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.env.PropertySource;

/** The real application.yaml bound without starting Spring, so unit tests check the shipped defaults. */
public final class TestSettings {

    private TestSettings() {
    }

    public static MappingSettings mapping() {
        return binder().bind("storelink.mapping", MappingSettings.class).get();
    }

    public static InventorySettings inventory() {
        return binder().bind("storelink.jobs.inventory", InventorySettings.class).get();
    }

    private static Binder binder() {
        try {
            PropertySource<?> yaml = new YamlPropertySourceLoader()
                    .load("application.yaml", new FileSystemResource("application.yaml")).get(0);
            return new Binder(ConfigurationPropertySources.from(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

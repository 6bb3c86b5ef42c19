package io.storelink.shopify.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.TestSettings;
import io.storelink.config.ShopifySettings;
import io.storelink.reconciliation.ReconciliationSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** What the tests of the commands and the doctor share: an Admin API client without retries, the handled topics. */
public final class FakeStoreClients {

    private FakeStoreClients() {
    }

    /** A client of {@code store} as the commands run it: no retries, so an unreachable store answers at once. */
    public static ShopifyAdmin client(ShopifySettings store) {
        return new ShopifyAdmin(store, new ShopifyAdminSettings("2026-07", Duration.ofSeconds(10), 5, 0),
                new ObjectMapper(), new SimpleMeterRegistry(), TestSettings.camel().createProducerTemplate());
    }

    /** The reconciliation settings of application.yaml: its expected-webhooks are the topics the bridge handles. */
    public static ReconciliationSettings reconciliation() {
        try {
            PropertySource<?> yaml = new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource("application.yaml")).get(0);
            return new Binder(ConfigurationPropertySources.from(yaml)).bind("storelink.jobs.reconciliation", ReconciliationSettings.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> handledTopics() {
        return reconciliation().expectedWebhooks();
    }
}

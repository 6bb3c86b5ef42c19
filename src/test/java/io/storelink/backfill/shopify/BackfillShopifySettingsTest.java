package io.storelink.backfill.shopify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped application.yaml holds every backfill setting (the record refuses to start without them). */
class BackfillShopifySettingsTest {

    @Test
    void applicationYamlHasTheDefaults() throws Exception {
        var yaml = new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource("application.yaml")).get(0);
        BackfillShopifySettings s = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("storelink.backfill.shopify", BackfillShopifySettings.class).get();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.lineItems()).isTrue();
        assertThat(s.groupObjects()).isFalse();
        assertThat(s.downloadTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}

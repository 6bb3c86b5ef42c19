package io.storelink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Storelink: Shopify webhooks to Kafka to Salesforce, as Camel routes in {@code routes/}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorelinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorelinkApplication.class, args);
    }
}

package io.storelink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.storelink.command.Commands;

/**
 * Storelink: Shopify webhooks to Kafka to Salesforce, as Camel routes in {@code routes/}. With a command as the
 * first argument ({@code doctor}, {@code register-webhooks}) it runs that instead and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorelinkApplication {

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            // UTF-8 whatever the locale: the doctor marks its lines with ✔ and ✘
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            System.exit(Commands.run(StorelinkApplication.class, args, out));
        }
        SpringApplication.run(StorelinkApplication.class, args);
    }
}

package io.storelink.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Records every meter registration failure of every bridge started in this JVM, from its start-up on: WARN+ log lines
 * that report one, and the registries' own {@code onMeterRegistrationFailed} callbacks (Micrometer's Prometheus
 * registry logs only the first failure per JVM at WARN, later ones at DEBUG). Registered for all Spring Boot tests in
 * {@code src/test/resources/META-INF/spring.factories}: the shared test context may be started by any test class,
 * before a test could attach anything, and Spring Boot resets Logback before initializers run, not after.
 */
public class MeterRegistrationFailures implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final List<String> FAILURES = new CopyOnWriteArrayList<>();

    public static List<String> all() {
        return List.copyOf(FAILURES);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
            AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    String message = event.getFormattedMessage();
                    if (event.getLevel().isGreaterOrEqual(Level.WARN) && message != null
                            && message.toLowerCase(java.util.Locale.ROOT).contains("registration has failed")) {
                        FAILURES.add("log: " + message);
                    }
                }
            };
            appender.setName("meter-registration-failures");
            appender.setContext(logback);
            appender.start();
            root.addAppender(appender);
        }
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof MeterRegistry registry) {
                    registry.config().onMeterRegistrationFailed((id, reason) -> FAILURES.add("registry: " + id + ": " + reason));
                }
                return bean;
            }
        });
    }
}

package io.storelink.webhook;

import io.storelink.config.ShopifySettings;
import io.storelink.shopify.WebhookCounter;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet filters in front of the webhook endpoint, on every path under {@code /webhooks/} (the intake's
 * platform-http routes), ordered before Spring Security and the rest of the chain so that neither depends on
 * them: first the start-up gate (503 while the route is not running; nothing is read), then the raw body.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not under a command of the jar (io.storelink.command)
public class WebhookFilters {

    static final String PATHS = "/webhooks/*";

    /** The request's path within the application: what a platform-http route's endpoint path is compared with. */
    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** platform-http's engine (the bean name Camel looks up): the webhook routes are served by {@link WebhookServlet}. */
    @Bean(name = "platform-http-engine")
    WebhookServletEngine webhookServletEngine(@Value("${server.port:8080}") int port) {
        return new WebhookServletEngine(port);
    }

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(WebhookServletEngine engine, ObjectProvider<WebhookCounter> counter) {
        ServletRegistrationBean<WebhookServlet> registration =
                new ServletRegistrationBean<>(new WebhookServlet(engine, counter), PATHS);
        registration.setName("webhooks");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebhookStartupGate> webhookStartupGate(ObjectProvider<CamelContext> camel,
                                                                  WebhookServletEngine engine,
                                                                  ObjectProvider<WebhookCounter> counter) {
        FilterRegistrationBean<WebhookStartupGate> registration =
                new FilterRegistrationBean<>(new WebhookStartupGate(camel, engine, counter));
        registration.addUrlPatterns(PATHS);
        registration.setOrder(-200);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RawWebhookRequest> rawWebhookRequest(ShopifySettings settings, ObjectProvider<WebhookCounter> counter) {
        FilterRegistrationBean<RawWebhookRequest> registration =
                new FilterRegistrationBean<>(new RawWebhookRequest(settings.maxWebhookSize().toBytes(), counter));
        registration.addUrlPatterns(PATHS);
        registration.setOrder(-199);
        return registration;
    }
}

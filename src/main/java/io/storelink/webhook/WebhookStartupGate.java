package io.storelink.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.storelink.shopify.ShopifyHeaders;
import io.storelink.shopify.WebhookCounter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 on a webhook path while the Camel route that serves it is not running, so Shopify retries the
 * delivery instead of counting a 404 (or a 500) against the subscription.
 * <p>
 * Why a servlet filter: Spring Boot's web server listens before Camel starts (Camel starts on
 * {@code ContextRefreshedEvent}, after the server's {@code SmartLifecycle}), and a path has a consumer only while
 * its route runs: until then, and while the route is stopped from Hawtio or JMX or reloaded, {@link WebhookServlet}
 * would answer 404. Neither platform-http nor Spring has an option for "503 until the handler is ready". The filter
 * runs first, so a refused delivery costs no body read and no security check; {@link WebhookServlet} answers the same
 * for a route stopped after the gate let its request through. The route is found by its endpoint path, not its id,
 * so renaming the route in YAML cannot shut the gate for good.
 */
public class WebhookStartupGate extends OncePerRequestFilter {

    private static final byte[] BODY = "webhook intake not running, retry later".getBytes(StandardCharsets.US_ASCII);

    private final ObjectProvider<CamelContext> camel;
    private final WebhookServletEngine engine;
    private final ObjectProvider<WebhookCounter> counter;
    /** Found once: a bean lookup per request was a large part of a cold bridge's work per webhook. */
    private volatile CamelContext context;

    /**
     * Camel and the counter are looked up when first needed: the web server creates its filters before Camel and the
     * meter registry are ready.
     */
    public WebhookStartupGate(ObjectProvider<CamelContext> camel, WebhookServletEngine engine,
                              ObjectProvider<WebhookCounter> counter) {
        this.camel = camel;
        this.engine = engine;
        this.counter = counter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (serving(WebhookFilters.pathOf(request))) {
            chain.doFilter(request, response);
            return;
        }
        unavailable(request, response, counter.getObject());
    }

    /** The 503 Shopify retries, counted as {@code unavailable}. */
    static void unavailable(HttpServletRequest request, HttpServletResponse response, WebhookCounter counter)
            throws IOException {
        counter.unavailable(request.getHeader(ShopifyHeaders.TOPIC));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType("text/plain");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }

    /**
     * True when a started route consumes this path, or when Camel runs and no route was ever made for it (the
     * servlet answers 404, as for any unknown path).
     */
    boolean serving(String path) {
        if (engine.consumer(path) != null) {
            return true;
        }
        CamelContext context = this.context;
        if (context == null) {
            context = camel.getIfAvailable();
            if (context == null) {
                return false;
            }
            this.context = context;
        }
        return context.isStarted() && !engine.routed(path);
    }
}

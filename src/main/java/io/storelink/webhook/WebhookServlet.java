package io.storelink.webhook;

import java.io.IOException;

import io.storelink.shopify.WebhookCounter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The servlet of the webhook paths ({@link WebhookFilters#PATHS}): hands each request to the platform-http route of
 * its path ({@link WebhookServletEngine}) on the request's thread. 404 for a path no route serves, 405 (with Allow)
 * for a method the route's {@code httpMethodRestrict} does not take, as Spring MVC answered before; 503, as from
 * {@link WebhookStartupGate}, when the path's route stopped (or a route reload removed it) after the gate let the
 * request through.
 */
public class WebhookServlet extends HttpServlet {

    private final transient WebhookServletEngine engine;
    private final transient ObjectProvider<WebhookCounter> counter;

    public WebhookServlet(WebhookServletEngine engine, ObjectProvider<WebhookCounter> counter) {
        this.engine = engine;
        this.counter = counter;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = WebhookFilters.pathOf(request);
        WebhookServletEngine.DirectConsumer consumer = engine.consumer(path);
        if (consumer == null) {
            if (engine.routed(path)) {
                WebhookStartupGate.unavailable(request, response, counter.getObject());
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
            return;
        }
        // http.server.requests is tagged with the route's path (MVC's handler mapping did it before)
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
        PlatformHttpEndpoint endpoint = consumer.getEndpoint();
        String allowed = endpoint.getHttpMethodRestrict();
        if (allowed != null && !allowed.isBlank() && !allows(allowed, request.getMethod())) {
            response.setHeader("Allow", allowed.replace(" ", ""));
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        try {
            consumer.serve(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static boolean allows(String restrict, String method) {
        for (String m : restrict.split(",")) {
            if (m.trim().equalsIgnoreCase(method)) {
                return true;
            }
        }
        return false;
    }
}

package io.storelink.webhook;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;

/**
 * camel-platform-http's engine for the webhook paths: the same consumer as the Spring Boot engine's (same binding,
 * same exchange, same response), but called by {@link WebhookServlet} on the request's own thread instead of through
 * Spring MVC.
 * <p>
 * Why not the starter's engine as it is: it serves every route through Spring MVC's asynchronous requests (the
 * consumer hands the exchange to a task pool and returns a future; MVC then dispatches the request a second time to
 * write the answer). On a cold JVM that machinery (handler mapping, return-value handlers with an annotation scan
 * per request, the async dispatch through every filter again, two thread hand-overs) was about half of a webhook's
 * CPU: a pod started during a flash sale served a fraction of its warm throughput for its first minute
 * (BENCHMARKS.md, "Cold start"). The webhook only waits for Kafka's acknowledgement, which a request thread can do.
 * Neither platform-http nor its Spring Boot starter has an option to serve a route without MVC. One route per path
 * (as here): a second route on the same path, for another method, would replace the first in {@link #consumer}.
 */
public class WebhookServletEngine implements PlatformHttpEngine {

    private final int serverPort;
    /** The started consumers by their endpoint path: a route stopped or reloaded leaves or replaces its entry. */
    private final Map<String, DirectConsumer> consumers = new ConcurrentHashMap<>();
    /** Every path a route was created for: without a started consumer, such a path is stopped or being reloaded. */
    private final Set<String> routedPaths = ConcurrentHashMap.newKeySet();

    public WebhookServletEngine(int serverPort) {
        this.serverPort = serverPort;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        routedPaths.add(endpoint.getPath());
        return new DirectConsumer(endpoint, processor);
    }

    @Override
    public int getServerPort() {
        return serverPort;
    }

    /** The started consumer of this path, or null. */
    DirectConsumer consumer(String path) {
        return consumers.get(path);
    }

    /**
     * True when a route was made for this path: without its consumer the route is stopped, not yet started or being
     * replaced by a route reload (503, Shopify retries), not an unknown path (404).
     */
    boolean routed(String path) {
        return routedPaths.contains(path);
    }

    /** The starter's consumer, run by the caller: its executor is never used. */
    final class DirectConsumer extends SpringBootPlatformHttpConsumer {

        DirectConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /** Serves one request on the calling thread, answer written when this returns. */
        void serve(HttpServletRequest request, HttpServletResponse response) throws Exception {
            handleService(request, response);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            consumers.put(getEndpoint().getPath(), this);
        }

        @Override
        protected void doStop() throws Exception {
            consumers.remove(getEndpoint().getPath(), this);
            super.doStop();
        }
    }
}

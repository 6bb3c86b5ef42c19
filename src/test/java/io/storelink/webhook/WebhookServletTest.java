package io.storelink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.shopify.WebhookCounter;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** platform-http routes served by {@link WebhookServlet} through {@link WebhookServletEngine}, with a real Camel context. */
class WebhookServletTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebhookServletEngine engine = new WebhookServletEngine(8080);
    private final WebhookServlet servlet = new WebhookServlet(engine, provider(new WebhookCounter(meters)));
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("platform-http-engine", engine);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/webhooks/test?httpMethodRestrict=POST").routeId("test")
                        .setHeader("CamelHttpResponseCode", constant(202))
                        .setBody(exchange -> Thread.currentThread().getName() + " " + exchange.getMessage().getBody(String.class));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theRouteRunsOnTheRequestThreadAndItsAnswerIsWrittenBeforeServiceReturns() throws Exception {
        MockHttpServletResponse response = send("POST", "/webhooks/test");

        assertThat(response.getStatus()).isEqualTo(202);
        // Spring Boot's own engine runs the route on its task pool and answers through an asynchronous dispatch
        assertThat(response.getContentAsString()).isEqualTo(Thread.currentThread().getName() + " {\"id\":1}");
    }

    @Test
    void anotherMethodThanTheRoutesIsRefusedWith405() throws Exception {
        MockHttpServletResponse response = send("GET", "/webhooks/test");

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("POST");
    }

    @Test
    void aPathNoRouteServesIs404() throws Exception {
        assertThat(send("POST", "/webhooks/other").getStatus()).isEqualTo(404);
    }

    /**
     * The start-up gate let the request through, then the route stopped (Hawtio, or a route reload replacing it):
     * Shopify must get the 503 it retries, never the 404 it would count as a failed delivery (CI saw one in
     * RouteReloadIT when only the gate answered 503).
     */
    @Test
    void aStoppedOrRemovedRoutesPathIs503UntilItsRouteRunsAgain() throws Exception {
        camel.getRouteController().stopRoute("test");
        MockHttpServletResponse stopped = send("POST", "/webhooks/test");
        assertThat(stopped.getStatus()).isEqualTo(503);
        assertThat(stopped.getHeader("Retry-After")).isEqualTo("5");
        assertThat(meters.get(WebhookCounter.NAME).tag("outcome", "unavailable").counter().count()).isEqualTo(1);

        camel.getRouteController().startRoute("test");
        assertThat(send("POST", "/webhooks/test").getStatus()).isEqualTo(202);

        camel.getRouteController().stopRoute("test");
        camel.removeRoute("test");
        assertThat(send("POST", "/webhooks/test").getStatus()).as("removed by a reload, not yet added again").isEqualTo(503);
    }

    private static ObjectProvider<WebhookCounter> provider(WebhookCounter counter) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("webhookCounter", counter);
        return beans.getBeanProvider(WebhookCounter.class);
    }

    private MockHttpServletResponse send(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.setContent("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}

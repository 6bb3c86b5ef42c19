package io.storelink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** platform-http routes served by {@link WebhookServlet} through {@link WebhookServletEngine}, with a real Camel context. */
class WebhookServletTest {

    private final WebhookServletEngine engine = new WebhookServletEngine(8080);
    private final WebhookServlet servlet = new WebhookServlet(engine);
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
    void aPathNoStartedRouteServesIs404UntilItsRouteStartsAgain() throws Exception {
        assertThat(send("POST", "/webhooks/other").getStatus()).isEqualTo(404);

        camel.getRouteController().stopRoute("test");
        assertThat(send("POST", "/webhooks/test").getStatus()).isEqualTo(404);

        camel.getRouteController().startRoute("test");
        assertThat(send("POST", "/webhooks/test").getStatus()).isEqualTo(202);
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

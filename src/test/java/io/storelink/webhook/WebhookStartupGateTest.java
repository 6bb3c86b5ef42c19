package io.storelink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.shopify.WebhookCounter;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The windows without a running intake route: Tomcat listens before Camel has started (or even exists), and a route
 * reload replaces the route; the webhook path answers 503 then.
 */
class WebhookStartupGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    /** The bridge's engine, without a web server: the gate asks it which paths have a started route. */
    private final WebhookServletEngine engine = new WebhookServletEngine(8080);

    @Test
    void beforeCamelExistsTheAnswerIs503AndCounted() throws Exception {
        beans.addBean("webhookCounter", new WebhookCounter(meters));

        MockHttpServletResponse response = post();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("retry later");
        assertThat(meters.get(WebhookCounter.NAME).tag("outcome", "unavailable").tag("topic", "orders/create").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void whileCamelIsNotStartedTheAnswerIs503() throws Exception {
        beans.addBean("webhookCounter", new WebhookCounter(meters));
        try (CamelContext camel = new DefaultCamelContext()) {
            beans.addBean("camelContext", camel);
            assertThat(post().getStatus()).isEqualTo(503);

            camel.start(); // running, and no route serves the path: Spring's own 404, not a 503
            MockFilterChain chain = new MockFilterChain();
            gate().doFilter(request(), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).isNotNull();
        }
    }

    @Test
    void whileARouteReloadReplacesTheIntakeRouteTheAnswerIs503() throws Exception {
        beans.addBean("webhookCounter", new WebhookCounter(meters));
        try (CamelContext camel = new DefaultCamelContext()) {
            beans.addBean("camelContext", camel);
            camel.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, engine);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/webhooks/shopify").routeId("intake").log("webhook");
                }
            });
            camel.start();
            WebhookStartupGate gate = gate();
            assertThat(passes(gate)).as("route started").isTrue();

            // what Camel's route reload does with the routes of a saved file: stop, remove, add the new ones
            camel.getRouteController().stopRoute("intake");
            assertThat(passes(gate)).as("route stopped").isFalse();
            camel.removeRoute("intake");
            assertThat(passes(gate)).as("route removed, its handler still registered").isFalse();
        }
    }

    private static boolean passes(WebhookStartupGate gate) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(request(), response, chain);
        return chain.getRequest() != null;
    }

    private MockHttpServletResponse post() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate().doFilter(request(), response, chain);
        assertThat(chain.getRequest()).as("passed on").isNull();
        return response;
    }

    private WebhookStartupGate gate() {
        return new WebhookStartupGate(beans.getBeanProvider(CamelContext.class), engine,
                beans.getBeanProvider(WebhookCounter.class));
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/shopify");
        request.addHeader("X-Shopify-Topic", "orders/create");
        return request;
    }
}

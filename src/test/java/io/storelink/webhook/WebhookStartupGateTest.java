package io.storelink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.shopify.WebhookCounter;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The start-up window: Tomcat listens before Camel has started (or even exists); the webhook path answers 503. */
class WebhookStartupGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

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

    private MockHttpServletResponse post() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate().doFilter(request(), response, chain);
        assertThat(chain.getRequest()).as("passed on").isNull();
        return response;
    }

    private WebhookStartupGate gate() {
        return new WebhookStartupGate(beans.getBeanProvider(CamelContext.class), beans.getBeanProvider(WebhookCounter.class));
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/shopify");
        request.addHeader("X-Shopify-Topic", "orders/create");
        return request;
    }
}

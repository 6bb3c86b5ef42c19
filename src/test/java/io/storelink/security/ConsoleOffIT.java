package io.storelink.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.storelink.StorelinkApplication;
import io.storelink.sync.BridgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bridge started without console credentials (as a forgotten setting would): Hawtio and Jolokia do not exist,
 * the other protected endpoints refuse everyone, and nothing is opened. Routes, Kafka and Salesforce play no part
 * in that: the context starts without routes, against unreachable ones.
 */
@SpringBootTest(classes = StorelinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "storelink.shopify.webhook-secrets=console-off-secret",
                "storelink.salesforce.client-id=console-off",
                "storelink.salesforce.client-secret=console-off",
                "storelink.salesforce.login-url=http://127.0.0.1:9",
                "storelink.kafka.bootstrap-servers=127.0.0.1:9",
                "storelink.jobs.enabled=false",
                "camel.main.routes-include-pattern=classpath:no-routes/*.yaml", // the port's security needs no routes
                "storelink.console.username=",
                "storelink.console.password=",
                "hawtio.authenticationEnabled=false" // even this does not open the console without credentials
        })
class ConsoleOffIT {

    private static final String SOME_LOGIN = BridgeTestSupport.basicAuthorization("", "");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void consoleAndJolokiaAreOff() throws Exception {
        for (String path : new String[] {"/actuator/hawtio/", "/actuator/hawtio/auth/config", "/actuator/jolokia/version"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(post("/actuator/hawtio/auth/login", "{\"username\":\"\",\"password\":\"\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void otherProtectedEndpointsRefuseEveryone() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/health/salesforce",
                "/admin/dead-letters/replay"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, SOME_LOGIN).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, BridgeTestSupport.consoleAuthorization()).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.fakes.shopify.WebhookSender;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.slf4j.LoggerFactory;

/**
 * Who gets what over real HTTP, with the console credentials configured: every endpoint of the port without
 * credentials, with wrong ones and with the right ones; then what Jolokia still refuses to a logged-in user.
 * JMX is on (as in production) so that Jolokia sees Camel's routes; the browser test shares this context.
 */
class AccessControlIT extends BridgeTestSupport {

    private static final String WRONG = basicAuthorization(CONSOLE_USER, "not-the-password");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** Paths that answer 401 without and with wrong credentials and 200 with the console login. */
    private static final List<String> PROTECTED = List.of(
            "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/prometheus", "/actuator/camelroutes",
            "/actuator/health/pollers", "/actuator/health/salesforce", "/actuator/jolokia/version",
            "/actuator/jolokia/read/java.lang:type=Runtime/Uptime", "/actuator/hawtio/jolokia/version", // the console's path to Jolokia
            "/admin/dead-letters/replay", "/admin/backfill", "/actuator/health/backfill", "/actuator/doctor");

    private static final List<String> PUBLIC = List.of(
            "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info");

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext context;

    @Test
    void springSecurityMatchesPathsWithoutLookingUpSpringMvcsHandlerForEachRequest() {
        // with MVC's introspector defined, Spring Security wraps its chain in a filter that looks up the MVC handler of
        // every request, webhooks included, which MVC never serves (io.storelink.security.NoMvcRequestIntrospection)
        assertThat(context.getBeanNamesForType(org.springframework.web.servlet.handler.HandlerMappingIntrospector.class)).isEmpty();
    }

    @Test
    void theWebhooksPassNoneOfTheConsolesSecurityFilters() throws Exception {
        // the first chain that matches, as Spring Security picks it
        MockHttpServletRequest webhook = new MockHttpServletRequest("POST", "/webhooks/shopify");
        List<String> filters = context.getBean(FilterChainProxy.class).getFilterChains().stream()
                .filter(chain -> chain.matches(webhook)).findFirst().orElseThrow()
                .getFilters().stream().map(f -> f.getClass().getSimpleName()).toList();
        System.out.println("security filters of /webhooks/shopify: " + filters);
        assertThat(filters).doesNotContain("SecurityContextHolderFilter", "HeaderWriterFilter", "CorsFilter", "LogoutFilter",
                "BasicAuthenticationFilter", "AnonymousAuthenticationFilter", "ExceptionTranslationFilter").hasSizeLessThan(4);
        // console credentials mean nothing there: a wrong Basic header is not refused, the signature decides
        WebhookSender shopify = shopify();
        HttpResponse<String> withWrongLogin = http.send(shopify.request(shopify.prepare("app/uninstalled", "{\"id\":1}".getBytes()))
                .header("Authorization", WRONG).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withWrongLogin.statusCode()).isEqualTo(200);
        assertThat(withWrongLogin.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void protectedEndpointsNeedTheConsoleLogin() throws Exception {
        for (String path : PROTECTED) {
            assertThat(get(path, null).statusCode()).as("no credentials: " + path).isEqualTo(401);
            assertThat(get(path, WRONG).statusCode()).as("wrong credentials: " + path).isEqualTo(401);
            assertThat(get(path, basicAuthorization("someone-else", CONSOLE_PASSWORD)).statusCode()).as("wrong user: " + path)
                    .isEqualTo(401);
            assertThat(get(path, consoleAuthorization()).statusCode()).as("console login: " + path).isEqualTo(200);
        }
        assertThat(get("/actuator/prometheus", null).headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"storelink\"");
    }

    @Test
    void hawtiosLoginFormOpensAJolokiaSession() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        assertThat(login(browser, "wrong-password").statusCode()).isEqualTo(403);
        HttpRequest jolokia = HttpRequest.newBuilder(uri("/actuator/hawtio/jolokia/version")).build();
        assertThat(browser.send(jolokia, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        browser.send(HttpRequest.newBuilder(uri("/actuator/hawtio/")).build(), HttpResponse.BodyHandlers.discarding());
        List<String> before = ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies()
                .stream().map(java.net.HttpCookie::getValue).toList(); // the store's list is live: copy
        HttpResponse<String> login = login(browser, CONSOLE_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        // a new session id at login (no fixation), sent only to this site
        assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("SameSite=Strict")
                && before.stream().noneMatch(b -> c.startsWith("JSESSIONID=" + b + ";")));
        assertThat(browser.send(jolokia, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // the session is for the console only, not a login to the other endpoints
        assertThat(browser.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> login(HttpClient browser, String password) throws Exception {
        String form = json.writeValueAsString(java.util.Map.of("username", CONSOLE_USER, "password", password));
        return browser.send(HttpRequest.newBuilder(uri("/actuator/hawtio/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDoctorRunsItsChecksForTheConsoleLogin() throws Exception {
        JsonNode doctor = json.readTree(get("/actuator/doctor", consoleAuthorization()).body());

        assertThat(doctor.path("checks").findValuesAsText("area")).contains("Settings", "Salesforce", "Schema", "Kafka");
        JsonNode login = null;
        for (JsonNode check : doctor.path("checks")) {
            if (check.path("area").asText().equals("Salesforce") && check.path("check").asText().equals("login")) {
                login = check;
            }
        }
        assertThat(login).isNotNull();
        assertThat(login.path("ok").asBoolean()).as(login.toString()).isTrue();
        assertThat(doctor.path("healthy").isBoolean()).isTrue();
    }

    @Test
    void healthStatusIsPublicItsDetailsAreNot() throws Exception {
        for (String path : PUBLIC) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
            assertThat(anonymous.body()).as(path).doesNotContain("components", "details");
        }
        assertThat(json.readTree(get("/actuator/health", null).body()).path("status").asText()).isNotEmpty();
        JsonNode full = json.readTree(get("/actuator/health", consoleAuthorization()).body());
        assertThat(full.path("components").path("salesforce").path("status").asText()).isNotEmpty();
    }

    @Test
    void theWebhookIsCheckedByItsSignatureOnly() throws Exception {
        // a signed webhook of a topic the bridge acknowledges without enqueueing: no console login involved
        assertThat(shopify().send("app/uninstalled", "{\"id\":1}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(shopifySigningWith("not-the-secret").send("app/uninstalled", "{\"id\":1}".getBytes()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void wrongCredentialsAreLoggedWithoutUserOrPassword() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.storelink.security.RejectedCredentialsEntryPoint");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            get("/actuator/prometheus", basicAuthorization("typo-user", "Secret-Typed-Here"));
            get("/actuator/prometheus", null); // no credentials: not worth a warning
        } finally {
            logger.detachAppender(seen);
        }
        assertThat(seen.list).hasSize(1);
        assertThat(seen.list.get(0).getFormattedMessage())
                .contains("/actuator/prometheus", "127.0.0.1")
                .doesNotContain("typo-user", "Secret-Typed-Here");
    }

    @Test
    void otherOriginsAreRefused() throws Exception {
        HttpRequest foreign = HttpRequest.newBuilder(uri("/actuator/jolokia/version"))
                .header("Authorization", consoleAuthorization()).header("Origin", "https://evil.example").build();
        assertThat(http.send(foreign, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpRequest same = HttpRequest.newBuilder(uri("/actuator/jolokia/version"))
                .header("Authorization", consoleAuthorization()).header("Origin", "http://127.0.0.1:" + port).build();
        assertThat(http.send(same, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void jolokiaRunsCamelRouteOperationsButNotTheJvmsDangerousOnes() throws Exception {
        // the context's JMX name gets a suffix when another bridge in the same JVM registered first: search, don't guess
        String route = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"shopify-webhooks\\\",*\"}")
                .path("value").path(0).asText();
        assertThat(route).as("the route's MBean").startsWith("org.apache.camel:");
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":" + json.writeValueAsString(route) + ",\"operation\":\"stop()\"}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":" + json.writeValueAsString(route) + ",\"operation\":\"start()\"}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":" + json.writeValueAsString(route) + ",\"attribute\":\"State\"}")
                .path("value").asText()).isEqualTo("Started");

        // JVM internals that lead to code execution or file writes
        assertRefused("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmSystemProperties()\"}");
        assertRefused("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"/tmp/heap.hprof\",true]}");
        assertRefused("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
        // the JSR-160 proxy (GHSA-c9ff-59g8-m36q): Jolokia must not connect to a JMX URL it is given
        assertRefused("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\","
                + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:1099/jmxrmi\"}}");
    }

    private void assertRefused(String request) throws Exception {
        JsonNode answer = jolokia(request);
        assertThat(answer.path("status").asInt()).as(request + " -> " + answer).isNotEqualTo(200);
        assertThat(answer.has("value")).as(request).isFalse();
    }

    private JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/jolokia"))
                .header("Authorization", consoleAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

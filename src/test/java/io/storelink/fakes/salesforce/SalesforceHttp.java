package io.storelink.fakes.salesforce;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Minimal raw-HTTP client for tests that need to see Salesforce's exact wire format. */
final class SalesforceHttp {

    record Res(int status, JsonNode json, String text, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private volatile String token;

    SalesforceHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Res tokenRequest(Map<String, String> form, String basicAuth) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basicAuth != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    /** Logs in with client credentials and uses the token for later calls. */
    SalesforceHttp login(String clientId, String secret) {
        Res r = tokenRequest(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret), null);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.text());
        }
        token = r.json().get("access_token").asText();
        return this;
    }

    String token() {
        return token;
    }

    void token(String t) {
        token = t;
    }

    Res call(String method, String path, Object body) {
        return call(method, path, body, Map.of());
    }

    Res call(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8) : Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    Res get(String path) {
        return call("GET", path, null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Res send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!r.body().isEmpty() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                json = Json.MAPPER.readTree(r.body());
            }
            return new Res(r.statusCode(), json, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

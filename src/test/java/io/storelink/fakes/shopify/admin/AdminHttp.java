package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.shopify.admin.GraphqlDocuments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Test client: plain HTTP POSTs of GraphQL documents to the fake, as the bridge sends them. */
final class AdminHttp {

    record Res(int status, JsonNode json) {
        JsonNode data() {
            return json.path("data");
        }

        JsonNode cost() {
            return json.path("extensions").path("cost");
        }

        JsonNode firstError() {
            return json.path("errors").path(0);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private String token = FakeShopifyAdmin.DEFAULT_ACCESS_TOKEN;

    AdminHttp(String baseUrl) {
        this.url = baseUrl + "/admin/api/2026-07/graphql.json";
    }

    AdminHttp token(String token) {
        this.token = token;
        return this;
    }

    /** A bridge document from src/main/resources/shopify. */
    static String document(String name) {
        return GraphqlDocuments.load(name); // with the fragments it imports
    }

    Res post(String query, Map<String, ?> variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        return raw(url, body.toString());
    }

    Res raw(String target, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("X-Shopify-Access-Token", token);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.storelink.shopify.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The bridge's GraphQL documents, {@code classpath:shopify/<name>.graphql} (validated against Shopify's schema in a test). */
public final class GraphqlDocuments {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private GraphqlDocuments() {
    }

    public static String load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = GraphqlDocuments.class.getResourceAsStream("/shopify/" + n + ".graphql")) {
                if (in == null) {
                    throw new IllegalArgumentException("no GraphQL document shopify/" + n + ".graphql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

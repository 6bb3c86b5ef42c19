package io.storelink.shopify.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's GraphQL documents, {@code classpath:shopify/<name>.graphql} (validated against Shopify's schema in a
 * test). A line {@code #import <name>} appends that file (fragments), once, so documents that must select the same
 * fields (reconciliation's orders and an edited order) share one fragment instead of two copies that drift apart.
 * To GraphQL the line is a comment: a file stays readable and highlightable on its own.
 */
public final class GraphqlDocuments {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final Pattern IMPORT = Pattern.compile("(?m)^#import\\s+(\\S+)\\s*$");

    private GraphqlDocuments() {
    }

    public static String load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Set<String> files = new LinkedHashSet<>();
            collect(n, files);
            StringBuilder document = new StringBuilder();
            files.forEach(f -> document.append(read(f)).append('\n'));
            return document.toString();
        });
    }

    /** The file and, after it, every file it imports (depth first, each once). */
    private static void collect(String name, Set<String> files) {
        if (!files.add(name)) {
            return;
        }
        Matcher imports = IMPORT.matcher(read(name));
        while (imports.find()) {
            collect(imports.group(1), files);
        }
    }

    private static String read(String name) {
        try (InputStream in = GraphqlDocuments.class.getResourceAsStream("/shopify/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("no GraphQL document shopify/" + name + ".graphql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

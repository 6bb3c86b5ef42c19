package io.storelink.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SOQL that reads the current quantities: {@code SELECT Id, <match>, <qty> FROM <object> WHERE <match> IN (...)}
 * over at most {@value #MAX_KEYS} keys. Each query also stays under {@value #MAX_URL_CHARS} characters once
 * URL-encoded: it travels in a URL, and Salesforce refuses URLs of about 16 KB (414), which 500 long SKUs would reach.
 */
final class ProductQueries {

    static final int MAX_KEYS = 500;
    static final int MAX_URL_CHARS = 12_000;

    private ProductQueries() {
    }

    static List<String> soql(Collection<String> keys, InventorySettings settings) {
        String head = "SELECT Id, " + settings.matchField() + ", " + settings.quantityField() + " FROM " + settings.object()
                + " WHERE " + settings.matchField() + " IN (";
        int headLength = encodedLength(head + ")");
        List<String> queries = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int length = headLength;
        for (String key : keys) {
            String literal = literal(key);
            int more = encodedLength(literal) + (chunk.isEmpty() ? 0 : encodedLength(","));
            if (!chunk.isEmpty() && (chunk.size() == MAX_KEYS || length + more > MAX_URL_CHARS)) {
                queries.add(head + String.join(",", chunk) + ")");
                chunk.clear();
                length = headLength;
                more = encodedLength(literal);
            }
            chunk.add(literal);
            length += more;
        }
        if (!chunk.isEmpty()) {
            queries.add(head + String.join(",", chunk) + ")");
        }
        return queries;
    }

    /** A SOQL string literal: quotes and backslashes escaped, as are the control characters SOQL knows. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static String urlEncoded(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    private static int encodedLength(String s) {
        return urlEncoded(s).length();
    }
}

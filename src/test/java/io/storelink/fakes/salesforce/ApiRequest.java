package io.storelink.fakes.salesforce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call under {@code /services/data/vXX.X/}: from HTTP or from a composite subrequest, which is why
 * it is parsed from a raw URL string rather than from the HTTP exchange.
 */
record ApiRequest(String method, String version, List<String> segments, Map<String, String> params, Object body,
                  Map<String, String> headers) {

    private static final Pattern VERSIONED = Pattern.compile("/services/data/v(\\d+\\.\\d)(/.*)?");

    /** Empty when the path is not a versioned data URL (callers answer 404). */
    static Optional<ApiRequest> parse(String method, String rawPathAndQuery, Object body, Map<String, String> headers) {
        int q = rawPathAndQuery.indexOf('?');
        String rawPath = q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
        String rawQuery = q < 0 ? null : rawPathAndQuery.substring(q + 1);
        Matcher m = VERSIONED.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        if (m.group(2) != null) {
            for (String s : m.group(2).split("/")) {
                if (!s.isEmpty()) {
                    segments.add(decodePath(s)); // the client URL-encodes external id values
                }
            }
        }
        return Optional.of(new ApiRequest(method.toUpperCase(), m.group(1), List.copyOf(segments), parseQuery(rawQuery), body, headers));
    }

    static boolean isSupportedVersion(String version) {
        double v = Double.parseDouble(version);
        return v >= 20.0 && v <= 66.0 && version.endsWith(".0");
    }

    String segment(int i) {
        return i < segments.size() ? segments.get(i) : null;
    }

    int size() {
        return segments.size();
    }

    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(decodeForm(k), decodeForm(v));
        }
        return params;
    }

    /** Form decoding ('+' is a space) that keeps a stray '%' instead of failing on unencoded composite URLs. */
    static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' ');
        }
    }

    /** Path decoding: '+' stays a plus sign. */
    static String decodePath(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}

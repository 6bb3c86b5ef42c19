package io.storelink.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Small and regex-based, enough for dashboards and alert rules:
 * string literals, label matchers {@code {...}}, ranges {@code [...]} and grouping clauses {@code by (...)} are
 * removed first; what is left and is neither a function call, a keyword, a number nor a Grafana variable is a
 * metric name (histogram series such as {@code _bucket} included as written).
 */
public final class PromQlMetricNames {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w:])(\\s*\\()?");

    private PromQlMetricNames() {
    }

    public static Set<String> of(String promQl) {
        String s = STRINGS.matcher(promQl).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\$\\{?\\w+}?", " "); // Grafana variables such as $__rate_interval
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            boolean call = m.group(2) != null;
            if (!call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }
}

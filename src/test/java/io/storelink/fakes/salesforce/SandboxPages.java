package io.storelink.fakes.salesforce;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Unauthenticated browsing for the local sandbox: {@code /_sandbox} (HTML) and {@code /_sandbox/records} (JSON). */
final class SandboxPages {

    private final FakeSalesforce fake;

    SandboxPages(FakeSalesforce fake) {
        this.fake = fake;
    }

    Map<String, List<Map<String, Object>>> allRecords() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        fake.schema().objects().forEach(o -> out.put(o.name(), fake.records(o.name())));
        return out;
    }

    String html() {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Fake Salesforce</title>
                <style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:2em;font-size:13px}
                th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eef}</style>
                </head><body>
                """);
        h.append("<h1>Fake Salesforce</h1><p>").append(esc(fake.url())).append(" &middot; API calls: ").append(fake.apiCalls())
                .append(" &middot; logins: ").append(fake.logins()).append(" &middot; <a href=\"/_sandbox/records\">JSON</a></p>\n");
        allRecords().forEach((object, records) -> {
            h.append("<h2>").append(esc(object)).append(" (").append(records.size()).append(")</h2>\n");
            if (records.isEmpty()) {
                h.append("<p><i>no records</i></p>\n");
                return;
            }
            Set<String> columns = new LinkedHashSet<>();
            records.forEach(r -> columns.addAll(r.keySet()));
            h.append("<table><tr>");
            columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr>\n");
            for (Map<String, Object> r : records) {
                h.append("<tr>");
                columns.forEach(c -> h.append("<td>").append(esc(r.get(c) == null ? "" : String.valueOf(r.get(c)))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        });
        return h.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

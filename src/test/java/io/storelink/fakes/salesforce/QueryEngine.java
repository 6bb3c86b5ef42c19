package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.Field;
import io.storelink.fakes.salesforce.Schema.SObjectType;
import io.storelink.fakes.salesforce.Soql.Compare;
import io.storelink.fakes.salesforce.Soql.DateLiteral;
import io.storelink.fakes.salesforce.Soql.Expr;
import io.storelink.fakes.salesforce.Soql.In;
import io.storelink.fakes.salesforce.Soql.Query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs parsed SOQL against the store and pages the result like Salesforce: up to batchSize records a page,
 * the rest behind {@code nextRecordsUrl = /services/data/vXX.X/query/<locator>-<offset>}. Results are
 * snapshotted when the query runs, as Salesforce's query locators are.
 */
final class QueryEngine {

    static final int DEFAULT_BATCH = 2000;
    private static final int MAX_LOCATORS = 500;

    /** A field path resolved against the schema: a direct field, or relationship -> parent field. */
    private record Path(String written, Field first, SObjectType parent, Field second) {
        Field leaf() {
            return second != null ? second : first;
        }
    }

    private record Locator(List<Map<String, Object>> rows, int batchSize) {
    }

    private final SalesforceStore store;
    private final SalesforceIds locatorIds = new SalesforceIds();
    private final Map<String, Locator> locators = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Locator> eldest) {
            return size() > MAX_LOCATORS; // abandoned cursors must not grow the sandbox forever
        }
    };

    QueryEngine(SalesforceStore store) {
        this.store = store;
    }

    Map<String, Object> query(String soql, String version, int batchSize) {
        Query q = Soql.parse(soql);
        SObjectType type = store.schema.object(q.object()).orElseThrow(() -> SfError.badRequest("INVALID_TYPE",
                "\n" + soql + "\nERROR at Row:1:Column:1\nsObject type '" + q.object() + "' is not supported. If you are attempting to use "
                        + "a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
                        + "call for the appropriate names."));
        List<Path> select = q.fields().stream().map(f -> resolve(type, f, soql)).toList();
        validate(type, q.where(), soql); // errors must not depend on whether any record exists
        Comparator<Map<String, Object>> order = ordering(type, q, soql);
        List<Map<String, Object>> rows = store.locked(() -> {
            List<Map<String, Object>> matched = new ArrayList<>();
            for (Map<String, Object> r : store.all(type.name())) {
                if (q.where() == null || test(type, q.where(), r, soql)) {
                    matched.add(r);
                }
            }
            if (!q.orderBy().isEmpty()) {
                matched.sort(order);
            }
            int from = Math.min(q.offset() == null ? 0 : q.offset(), matched.size());
            int to = q.limit() == null ? matched.size() : Math.min(matched.size(), from + q.limit());
            List<Map<String, Object>> page = matched.subList(from, to);
            if (q.count() != null) {
                return page; // only the size matters
            }
            return page.stream().map(r -> project(type, select, r, version)).toList();
        });
        if (q.count() != null) {
            return count(type, q, rows.size(), soql);
        }
        return page(rows, 0, null, version, batchSize);
    }

    /** GET /query/{locator}-{offset}. */
    Map<String, Object> more(String locatorAndOffset, String version) {
        int dash = locatorAndOffset.lastIndexOf('-');
        Locator loc;
        int offset;
        synchronized (locators) {
            loc = dash < 0 ? null : locators.get(locatorAndOffset.substring(0, dash));
        }
        try {
            offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
        } catch (NumberFormatException e) {
            loc = null;
            offset = -1;
        }
        if (loc == null || offset < 0 || offset > loc.rows().size()) {
            throw SfError.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(loc.rows(), offset, locatorAndOffset.substring(0, dash), version, loc.batchSize());
    }

    private Map<String, Object> page(List<Map<String, Object>> rows, int offset, String locator, String version, int batchSize) {
        int end = Math.min(rows.size(), offset + batchSize);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalSize", rows.size());
        out.put("done", end >= rows.size());
        if (end < rows.size()) {
            if (locator == null) {
                locator = locatorIds.next("01g").substring(0, 15);
                synchronized (locators) {
                    locators.put(locator, new Locator(rows, batchSize));
                }
            }
            out.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + locator + "-" + end);
        }
        out.put("records", Json.deepCopy(rows.subList(offset, end)));
        return out;
    }

    private Map<String, Object> count(SObjectType type, Query q, int n, String soql) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (q.count().field() == null) {
            out.put("totalSize", n);
            out.put("done", true);
            out.put("records", List.of());
            return out;
        }
        resolve(type, q.count().field(), soql);
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put("attributes", Map.of("type", "AggregateResult"));
        agg.put(q.count().alias() != null ? q.count().alias() : "expr0", n);
        out.put("totalSize", 1);
        out.put("done", true);
        out.put("records", List.of(agg));
        return out;
    }

    // ---- evaluation ----

    private void validate(SObjectType type, Expr e, String soql) {
        if (e instanceof Soql.And and) {
            validate(type, and.left(), soql);
            validate(type, and.right(), soql);
        } else if (e instanceof Soql.Or or) {
            validate(type, or.left(), soql);
            validate(type, or.right(), soql);
        } else if (e instanceof Soql.Not not) {
            validate(type, not.inner(), soql);
        } else if (e instanceof In in) {
            Path p = resolve(type, in.field(), soql);
            in.values().forEach(v -> literal(p, v, soql));
        } else if (e instanceof Compare c) {
            Path p = resolve(type, c.field(), soql);
            literal(p, c.value(), soql);
            if (c.op().equals("LIKE") && !p.leaf().type().isText()) {
                throw SfError.badRequest("INVALID_FIELD", "\n" + soql + "\nERROR at Row:1:Column:1\ninvalid operator on "
                        + p.leaf().type().soapName + " field: LIKE");
            }
        }
    }

    private boolean test(SObjectType type, Expr e, Map<String, Object> r, String soql) {
        if (e instanceof Soql.And and) {
            return test(type, and.left(), r, soql) && test(type, and.right(), r, soql);
        }
        if (e instanceof Soql.Or or) {
            return test(type, or.left(), r, soql) || test(type, or.right(), r, soql);
        }
        if (e instanceof Soql.Not not) {
            return !test(type, not.inner(), r, soql);
        }
        if (e instanceof In in) {
            Path p = resolve(type, in.field(), soql);
            Object actual = value(p, r);
            boolean found = false;
            for (Object v : in.values()) {
                found |= equal(p, actual, literal(p, v, soql));
            }
            return in.negated() != found;
        }
        Compare c = (Compare) e;
        Path p = resolve(type, c.field(), soql);
        Object actual = value(p, r);
        Object expected = literal(p, c.value(), soql);
        return switch (c.op()) {
            case "=" -> equal(p, actual, expected);
            case "!=" -> !equal(p, actual, expected); // SOQL's != matches nulls too
            case "LIKE" -> actual != null && expected != null && like(expected.toString()).matcher(actual.toString()).matches();
            default -> {
                if (actual == null || expected == null) {
                    yield false;
                }
                int cmp = Values.ORDER.compare(actual, expected);
                yield switch (c.op()) {
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
        };
    }

    private static boolean equal(Path p, Object actual, Object expected) {
        return Values.same(actual, expected, p.leaf().type().isText() || p.leaf().type() == FieldType.ID
                || p.leaf().type() == FieldType.REFERENCE);
    }

    /** Checks the literal's type against the field, with Salesforce's complaint when they do not fit. */
    private static Object literal(Path p, Object v, String soql) {
        if (v == null) {
            return null;
        }
        FieldType t = p.leaf().type();
        String name = p.leaf().name();
        boolean ok = switch (t) {
            case DATE -> v instanceof DateLiteral d && !d.dateTime();
            case DATETIME -> v instanceof DateLiteral d && d.dateTime();
            case DOUBLE, CURRENCY, PERCENT, INT -> v instanceof BigDecimal;
            case BOOLEAN -> v instanceof Boolean;
            default -> v instanceof String;
        };
        if (!ok) {
            String expected = switch (t) {
                case DATE -> "date and should not be enclosed in quotes";
                case DATETIME -> "dateTime and should not be enclosed in quotes";
                case DOUBLE, CURRENCY, PERCENT, INT -> t.soapName + " and should not be enclosed in quotes";
                case BOOLEAN -> "boolean and should not be enclosed in quotes";
                default -> "string and should be enclosed in quotes";
            };
            throw SfError.badRequest("INVALID_FIELD", "\n" + soql + "\nERROR at Row:1:Column:1\nvalue of filter criterion for field '"
                    + name + "' must be of type " + expected);
        }
        if (t == FieldType.ID || t == FieldType.REFERENCE) {
            return SalesforceIds.normalize((String) v).orElse((String) v);
        }
        return v instanceof DateLiteral d ? d.value() : v;
    }

    private static Pattern like(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private Comparator<Map<String, Object>> ordering(SObjectType type, Query q, String soql) {
        Comparator<Map<String, Object>> cmp = (a, b) -> 0;
        for (Soql.Order o : q.orderBy()) {
            Path p = resolve(type, o.field(), soql);
            Comparator<Object> values = o.descending() ? Values.ORDER.reversed() : Values.ORDER;
            Comparator<Object> withNulls = o.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            cmp = cmp.thenComparing(r -> value(p, r), withNulls);
        }
        return cmp;
    }

    // ---- fields ----

    private Path resolve(SObjectType type, String written, String soql) {
        String[] parts = written.split("\\.");
        if (parts.length > 2) {
            throw noSuchColumn(type.name(), written, soql);
        }
        if (parts.length == 1) {
            Field f = type.field(written).orElseThrow(() -> noSuchColumn(type.name(), written, soql));
            return new Path(written, f, null, null);
        }
        Field ref = type.relationship(parts[0]).orElseThrow(() -> SfError.badRequest("INVALID_FIELD", "\n" + soql
                + "\nERROR at Row:1:Column:1\nDidn't understand relationship '" + parts[0] + "' in field path. If you are attempting "
                + "to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference "
                + "your WSDL or the describe call for the appropriate names."));
        SObjectType parent = store.schema.object(ref.referenceTo()).orElseThrow();
        Field f = parent.field(parts[1]).orElseThrow(() -> noSuchColumn(parent.name(), parts[1], soql));
        return new Path(written, ref, parent, f);
    }

    private Object value(Path p, Map<String, Object> r) {
        if (p.second() == null) {
            return r.get(p.first().name());
        }
        Object parentId = r.get(p.first().name());
        return parentId == null ? null
                : store.get(p.parent().name(), parentId.toString()).map(parent -> parent.get(p.second().name())).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> project(SObjectType type, List<Path> select, Map<String, Object> r, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", attributes(type.name(), r.get("Id"), version));
        for (Path p : select) {
            if (p.second() == null) {
                out.put(p.first().name(), r.get(p.first().name()));
                continue;
            }
            String rel = p.first().relationshipName();
            Object parentId = r.get(p.first().name());
            Map<String, Object> parent = parentId == null ? null : store.get(p.parent().name(), parentId.toString()).orElse(null);
            if (parent == null) {
                out.put(rel, null);
                continue;
            }
            Map<String, Object> nested = (Map<String, Object>) out.computeIfAbsent(rel,
                    k -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("attributes", attributes(p.parent().name(), parent.get("Id"), version));
                        return m;
                    });
            nested.put(p.second().name(), parent.get(p.second().name()));
        }
        return out;
    }

    static Map<String, Object> attributes(String type, Object id, String version) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("url", "/services/data/v" + version + "/sobjects/" + type + "/" + Objects.toString(id));
        return a;
    }

    private static SfError noSuchColumn(String object, String field, String soql) {
        return SfError.badRequest("INVALID_FIELD", "\n" + soql + "\nERROR at Row:1:Column:1\nNo such column '" + field
                + "' on entity '" + object + "'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                + "custom field name. Please reference your WSDL or the describe call for the appropriate names.");
    }
}

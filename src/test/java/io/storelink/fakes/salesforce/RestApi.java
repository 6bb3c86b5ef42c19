package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.Field;
import io.storelink.fakes.salesforce.Schema.SObjectType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Routes one versioned data call (sobjects, describe, query, limits, composite, collections) and turns
 * every {@link SfError} into its error response. Serves both HTTP calls and composite subrequests.
 */
final class RestApi {

    static final long DAILY_MAX = 15000;

    private final SalesforceStore store;
    private final RecordWriter writer;
    private final QueryEngine queries;
    private final LongSupplier apiUsage;
    private final BooleanSupplier limitExceeded;
    private final CompositeApi composite;
    private final CollectionsApi collections;

    RestApi(SalesforceStore store, RecordWriter writer, LongSupplier apiUsage, BooleanSupplier limitExceeded) {
        this.store = store;
        this.writer = writer;
        this.queries = new QueryEngine(store);
        this.apiUsage = apiUsage;
        this.limitExceeded = limitExceeded;
        this.composite = new CompositeApi(store, this);
        this.collections = new CollectionsApi(store, writer);
    }

    /** @param lockFault serve UNABLE_TO_LOCK_ROW the way Salesforce does for this kind of call */
    ApiResponse handle(ApiRequest req, boolean lockFault) {
        try {
            if (!ApiRequest.isSupportedVersion(req.version())) {
                throw SfError.notFound();
            }
            String root = req.segment(0);
            if (root == null) {
                return only(req, "GET", () -> ApiResponse.of(200, resources(req.version())));
            }
            return switch (root) {
                case "sobjects" -> sobjects(req);
                case "query", "queryAll" -> only(req, "GET", () -> query(req));
                case "limits" -> only(req, "GET", () -> ApiResponse.of(200, limits()));
                case "composite" -> req.size() == 1
                        ? only(req, "POST", () -> composite.handle(req, lockFault))
                        : collections.handle(req, lockFault);
                default -> throw SfError.notFound();
            };
        } catch (SfError e) {
            return ApiResponse.error(e);
        }
    }

    // ---- /sobjects ----

    private ApiResponse sobjects(ApiRequest req) {
        if (req.size() == 1) {
            return only(req, "GET", () -> ApiResponse.of(200, globalDescribe(req.version())));
        }
        SObjectType type = store.schema.object(req.segment(1)).orElseThrow(SfError::notFound);
        String v = req.version();
        if (req.size() == 2) {
            return switch (req.method()) {
                case "GET" -> ApiResponse.of(200, Map.of("objectDescribe", objectSummary(type, v), "recentItems", List.of()));
                case "POST" -> store.locked(() -> {
                    String id = writer.create(type, req.body()).id();
                    return ApiResponse.of(201, saveResult(id, null)).withHeader("Location", recordUrl(type, id, v));
                });
                default -> throw notAllowed(req, "GET,HEAD,POST");
            };
        }
        if (req.size() == 3 && req.segment(2).equals("describe")) {
            return only(req, "GET", () -> ApiResponse.of(200, describe(store.schema, type, v)));
        }
        if (req.size() == 3) {
            String id = req.segment(2);
            return switch (req.method()) {
                case "GET" -> store.locked(() -> ApiResponse.of(200, read(type, writer.existingId(type, id), req, v)));
                case "PATCH" -> store.locked(() -> {
                    writer.update(type, id, req.body());
                    return ApiResponse.of(204, null);
                });
                case "DELETE" -> store.locked(() -> {
                    writer.delete(type, id);
                    return ApiResponse.of(204, null);
                });
                default -> throw notAllowed(req, "GET,PATCH,HEAD,DELETE");
            };
        }
        if (req.size() == 4) {
            String field = req.segment(2);
            String value = req.segment(3);
            return switch (req.method()) {
                case "GET" -> store.locked(() -> ApiResponse.of(200, read(type, byExternalId(type, field, value, v), req, v)));
                case "PATCH" -> store.locked(() -> {
                    RecordWriter.Saved saved = writer.upsert(type, field, value, req.body(), v);
                    ApiResponse r = ApiResponse.of(saved.created() ? 201 : 200, saveResult(saved.id(), saved.created()));
                    return saved.created() ? r.withHeader("Location", recordUrl(type, saved.id(), v)) : r;
                });
                case "DELETE" -> store.locked(() -> {
                    writer.delete(type, byExternalId(type, field, value, v));
                    return ApiResponse.of(204, null);
                });
                default -> throw notAllowed(req, "GET,PATCH,HEAD,DELETE");
            };
        }
        throw SfError.notFound();
    }

    private String byExternalId(SObjectType type, String field, String value, String version) {
        Field key = type.field(field).filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> SfError.noFields(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field));
        if (key.name().equals("Id")) {
            return writer.existingId(type, value);
        }
        List<Map<String, Object>> matches = store.findBy(type.name(), key.name(), writer.coerce(type, key, value), true);
        if (matches.isEmpty()) {
            throw SfError.notFound();
        }
        if (matches.size() > 1) {
            throw RecordWriter.multipleMatches(type, matches, version);
        }
        return (String) matches.get(0).get("Id");
    }

    /** A record as GET returns it: attributes, then every field (unset ones as null), or just ?fields=. */
    private Map<String, Object> read(SObjectType type, String id, ApiRequest req, String version) {
        Map<String, Object> record = store.get(type.name(), id).orElseThrow(SfError::notFound);
        List<String> names = new ArrayList<>();
        String fields = req.params().get("fields");
        if (fields != null && !fields.isBlank()) {
            for (String f : fields.split(",")) {
                names.add(type.field(f.trim()).orElseThrow(() -> SfError.badRequest("INVALID_FIELD",
                        "No such column '" + f.trim() + "' on entity '" + type.name() + "'.")).name());
            }
        } else {
            type.fields().forEach(f -> names.add(f.name()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", QueryEngine.attributes(type.name(), id, version));
        for (String n : names) {
            out.put(n, Json.deepCopy(record.get(n)));
        }
        if (!names.contains("Id")) {
            out.put("Id", id); // Salesforce always returns the Id
        }
        return out;
    }

    static Map<String, Object> saveResult(String id, Boolean created) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("success", true);
        r.put("errors", List.of());
        if (created != null) {
            r.put("created", created);
        }
        return r;
    }

    static String recordUrl(SObjectType type, String id, String version) {
        return "/services/data/v" + version + "/sobjects/" + type.name() + "/" + id;
    }

    // ---- query, limits, resources ----

    private ApiResponse query(ApiRequest req) {
        if (req.size() == 2) {
            return ApiResponse.of(200, queries.more(req.segment(1), req.version()));
        }
        if (req.size() > 2) {
            throw SfError.notFound();
        }
        String q = req.params().get("q");
        if (q == null) {
            throw SfError.badRequest("MALFORMED_QUERY", "A query string has to be specified");
        }
        return ApiResponse.of(200, queries.query(q, req.version(), batchSize(req)));
    }

    /** {@code Sforce-Query-Options: batchSize=500}; Salesforce accepts 200..2000. */
    private static int batchSize(ApiRequest req) {
        String options = req.header("Sforce-Query-Options");
        if (options != null) {
            for (String part : options.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("batchSize")) {
                    try {
                        return Math.max(200, Math.min(QueryEngine.DEFAULT_BATCH, Integer.parseInt(kv[1].trim())));
                    } catch (NumberFormatException ignored) {
                        // Salesforce ignores a bad batch size too
                    }
                }
            }
        }
        return QueryEngine.DEFAULT_BATCH;
    }

    private Map<String, Object> limits() {
        long remaining = limitExceeded.getAsBoolean() ? 0 : Math.max(0, DAILY_MAX - apiUsage.getAsLong());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("DailyApiRequests", limit(DAILY_MAX, remaining));
        out.put("DailyAsyncApexExecutions", limit(250000, 250000));
        out.put("DailyBulkV2QueryJobs", limit(10000, 10000));
        out.put("DataStorageMB", limit(5, 5));
        return out;
    }

    private static Map<String, Object> limit(long max, long remaining) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Max", max);
        m.put("Remaining", remaining);
        return m;
    }

    private static Map<String, Object> resources(String v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String r : List.of("sobjects", "query", "queryAll", "composite", "limits")) {
            m.put(r, "/services/data/v" + v + "/" + r);
        }
        return m;
    }

    // ---- describe ----

    private Map<String, Object> globalDescribe(String v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("encoding", "UTF-8");
        out.put("maxBatchSize", 200);
        out.put("sobjects", store.schema.objects().stream().map(o -> objectSummary(o, v)).toList());
        return out;
    }

    private static Map<String, Object> objectSummary(SObjectType type, String v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", type.name());
        m.put("label", type.name().replace("__c", "").replace('_', ' '));
        m.put("labelPlural", type.name().replace("__c", "").replace('_', ' ') + "s");
        m.put("keyPrefix", type.keyPrefix());
        m.put("custom", type.name().endsWith("__c"));
        m.put("createable", true);
        m.put("updateable", true);
        m.put("deletable", true);
        m.put("queryable", true);
        String base = "/services/data/v" + v + "/sobjects/" + type.name();
        m.put("urls", Map.of("sobject", base, "describe", base + "/describe", "rowTemplate", base + "/{ID}"));
        return m;
    }

    private static Map<String, Object> describe(Schema schema, SObjectType type, String v) {
        Map<String, Object> m = objectSummary(type, v);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : type.fields()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", f.name());
            d.put("label", f.name().replace("__c", "").replace('_', ' '));
            d.put("type", f.type().soapName);
            d.put("length", f.type().isText() ? f.length() : 0);
            d.put("externalId", f.externalId());
            d.put("unique", f.unique());
            d.put("idLookup", f.externalId() || f.name().equals("Id"));
            d.put("nillable", !f.required() && !f.isSystem() && f.type() != FieldType.BOOLEAN);
            d.put("createable", f.createable());
            d.put("updateable", f.updateable());
            d.put("custom", f.name().endsWith("__c"));
            d.put("referenceTo", f.referenceTo() == null ? List.of() : List.of(f.referenceTo()));
            d.put("relationshipName", f.relationshipName());
            List<Map<String, Object>> values = new ArrayList<>(); // as Salesforce: [] for fields that are not picklists
            for (String value : schema.picklistValues(type.name(), f.name())) {
                Map<String, Object> pick = new LinkedHashMap<>();
                pick.put("active", true);
                pick.put("defaultValue", false);
                pick.put("label", value);
                pick.put("validFor", null);
                pick.put("value", value);
                values.add(pick);
            }
            d.put("picklistValues", values);
            fields.add(d);
        }
        m.put("fields", fields);
        m.put("childRelationships", List.of());
        return m;
    }

    // ---- helpers ----

    private interface Call {
        ApiResponse run();
    }

    private static ApiResponse only(ApiRequest req, String method, Call call) {
        if (!req.method().equals(method)) {
            throw notAllowed(req, method);
        }
        return call.run();
    }

    private static SfError notAllowed(ApiRequest req, String allowed) {
        return SfError.noFields(405, "METHOD_NOT_ALLOWED",
                "HTTP Method '" + req.method() + "' not allowed. Allowed are " + String.join(",", Arrays.asList(allowed.split(","))));
    }
}

package io.storelink.fakes.salesforce;

import io.storelink.fakes.salesforce.Schema.SObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sObject Collections ({@code /composite/sobjects}): create (POST), update by Id (PATCH), upsert by external id
 * (PATCH .../{Object}/{Field}), delete (DELETE ?ids=) and retrieve. Up to 200 records, one API call, per-record
 * results whose errors use {@code statusCode}. With allOrNone every record is still validated (so each failure
 * reports its own error) and the rest come back ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
final class CollectionsApi {

    static final int MAX_RECORDS = 200;

    private enum Op { CREATE, UPDATE, UPSERT }

    private final SalesforceStore store;
    private final RecordWriter writer;

    CollectionsApi(SalesforceStore store, RecordWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    ApiResponse handle(ApiRequest req, boolean lockFault) {
        if (!"sobjects".equals(req.segment(1)) || req.size() > 4) {
            throw SfError.notFound();
        }
        String m = req.method();
        if (req.size() == 2 && m.equals("POST")) {
            return save(req, Op.CREATE, null, null, lockFault);
        }
        if (req.size() == 2 && m.equals("PATCH")) {
            return save(req, Op.UPDATE, null, null, lockFault);
        }
        if (req.size() == 2 && m.equals("DELETE")) {
            return delete(req, lockFault);
        }
        if (req.size() == 4 && m.equals("PATCH")) {
            SObjectType type = store.schema.object(req.segment(2)).orElseThrow(SfError::notFound);
            String key = type.field(req.segment(3)).filter(f -> f.externalId() || f.name().equals("Id"))
                    .orElseThrow(() -> SfError.noFields(404, "NOT_FOUND",
                            "Provided external ID field does not exist or is not accessible: " + req.segment(3))).name();
            return save(req, Op.UPSERT, type, key, lockFault);
        }
        if (req.size() == 3 && (m.equals("POST") || m.equals("GET"))) {
            return retrieve(req);
        }
        throw SfError.noFields(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + m + "' not allowed.");
    }

    @SuppressWarnings("unchecked")
    private ApiResponse save(ApiRequest req, Op op, SObjectType upsertType, String key, boolean lockFault) {
        if (!(req.body() instanceof Map<?, ?> body) || !(body.get("records") instanceof List<?> records)) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "The request body must contain a records array");
        }
        if (records.size() > MAX_RECORDS) {
            throw SfError.badRequest("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        boolean allOrNone = Boolean.TRUE.equals(body.get("allOrNone"));
        return store.locked(() -> {
            int savepoint = store.savepoint();
            try {
                List<Map<String, Object>> results = new ArrayList<>();
                boolean anyFailed = false;
                for (int i = 0; i < records.size(); i++) {
                    Map<String, Object> result = lockFault && i == 0
                            ? failure(null, Fault.UNABLE_TO_LOCK_ROW.error(), op == Op.UPSERT)
                            : saveOne(records.get(i), op, upsertType, key, req.version());
                    anyFailed |= !Boolean.TRUE.equals(result.get("success"));
                    results.add(result);
                }
                if (anyFailed && allOrNone) {
                    store.rollbackTo(savepoint);
                    return ApiResponse.of(200, rolledBack(results, op == Op.UPSERT));
                }
                store.commit();
                return ApiResponse.of(200, results);
            } catch (RuntimeException e) {
                store.rollbackTo(savepoint);
                throw e;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> saveOne(Object raw, Op op, SObjectType upsertType, String key, String version) {
        String id = null;
        try {
            if (!(raw instanceof Map<?, ?> rawMap)) {
                throw SfError.badRequest("JSON_PARSER_ERROR", "Each record must be a JSON object");
            }
            Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) rawMap);
            SObjectType type = typeOf(record, upsertType);
            switch (op) {
                case CREATE -> {
                    return success(writer.create(type, record).id(), null);
                }
                case UPDATE -> {
                    id = Optional.ofNullable(valueIgnoringCase(record, "Id")).map(Object::toString)
                            .orElseThrow(() -> SfError.badRequest("MISSING_ARGUMENT", "Id not specified in an update call", "Id"));
                    writer.update(type, id, record);
                    return success(SalesforceIds.normalize(id).orElse(id), null);
                }
                default -> {
                    Object value = removeIgnoringCase(record, key);
                    if (value == null) {
                        throw SfError.badRequest("MISSING_ARGUMENT", key + " not specified", key);
                    }
                    RecordWriter.Saved saved = writer.upsert(type, key, value.toString(), record, version);
                    return success(saved.id(), saved.created());
                }
            }
        } catch (SfError e) {
            return failure(id, e, op == Op.UPSERT);
        }
    }

    private SObjectType typeOf(Map<String, Object> record, SObjectType expected) {
        Object attributes = record.get("attributes");
        Object typeName = attributes instanceof Map<?, ?> a ? a.get("type") : null;
        if (typeName == null) {
            if (expected != null) {
                return expected;
            }
            throw SfError.badRequest("INVALID_TYPE", "Must specify a type in attributes for every record");
        }
        SObjectType type = store.schema.object(typeName.toString()).orElseThrow(() -> SfError.badRequest("INVALID_TYPE",
                "sObject type '" + typeName + "' is not supported."));
        if (expected != null && !expected.name().equals(type.name())) {
            throw SfError.badRequest("INVALID_TYPE", "All records must be of type " + expected.name());
        }
        return type;
    }

    private ApiResponse delete(ApiRequest req, boolean lockFault) {
        String ids = req.params().getOrDefault("ids", "");
        String[] list = ids.isBlank() ? new String[0] : ids.split(",");
        if (list.length > MAX_RECORDS) {
            throw SfError.badRequest("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        boolean allOrNone = Boolean.parseBoolean(req.params().get("allOrNone"));
        return store.locked(() -> {
            int savepoint = store.savepoint();
            try {
                return deleteAll(list, allOrNone, lockFault, savepoint);
            } catch (RuntimeException e) {
                store.rollbackTo(savepoint);
                throw e;
            }
        });
    }

    private ApiResponse deleteAll(String[] list, boolean allOrNone, boolean lockFault, int savepoint) {
        List<Map<String, Object>> results = new ArrayList<>();
        boolean anyFailed = false;
        for (int i = 0; i < list.length; i++) {
            String id = list[i].trim();
            Map<String, Object> result;
            try {
                if (lockFault && i == 0) {
                    throw Fault.UNABLE_TO_LOCK_ROW.error();
                }
                SObjectType type = SalesforceIds.normalize(id).flatMap(n -> store.schema.byKeyPrefix(n.substring(0, 3)))
                        .orElseThrow(() -> SfError.badRequest("MALFORMED_ID", "malformed id " + id));
                writer.delete(type, id);
                result = success(SalesforceIds.normalize(id).orElseThrow(), null);
            } catch (SfError e) {
                result = failure(id, e.status == 404 ? SfError.badRequest("ENTITY_IS_DELETED", "entity is deleted") : e, false);
            }
            anyFailed |= !Boolean.TRUE.equals(result.get("success"));
            results.add(result);
        }
        if (anyFailed && allOrNone) {
            store.rollbackTo(savepoint);
            return ApiResponse.of(200, rolledBack(results, false));
        }
        store.commit();
        return ApiResponse.of(200, results);
    }

    /** POST/GET /composite/sobjects/{Object} with ids and fields: records in id order, null for unknown ids. */
    private ApiResponse retrieve(ApiRequest req) {
        SObjectType type = store.schema.object(req.segment(2)).orElseThrow(SfError::notFound);
        List<String> ids;
        List<String> fields;
        if (req.body() instanceof Map<?, ?> body) {
            ids = strings(body.get("ids"));
            fields = strings(body.get("fields"));
        } else {
            ids = List.of(req.params().getOrDefault("ids", "").split(","));
            fields = List.of(req.params().getOrDefault("fields", "").split(","));
        }
        List<String> canonical = new ArrayList<>();
        for (String f : fields) {
            if (!f.isBlank()) {
                canonical.add(type.field(f.trim()).orElseThrow(() -> SfError.badRequest("INVALID_FIELD",
                        "No such column '" + f.trim() + "' on entity '" + type.name() + "'.")).name());
            }
        }
        return store.locked(() -> {
            List<Object> out = new ArrayList<>();
            for (String raw : ids) {
                Optional<Map<String, Object>> rec = SalesforceIds.normalize(raw.trim()).flatMap(id -> store.get(type.name(), id));
                if (rec.isEmpty()) {
                    out.add(null);
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("attributes", QueryEngine.attributes(type.name(), rec.get().get("Id"), req.version()));
                canonical.forEach(f -> r.put(f, Json.deepCopy(rec.get().get(f))));
                r.putIfAbsent("Id", rec.get().get("Id"));
                out.add(r);
            }
            return ApiResponse.of(200, out);
        });
    }

    // ---- result shapes ----

    private static Map<String, Object> success(String id, Boolean created) {
        return RestApi.saveResult(id, created);
    }

    private static Map<String, Object> failure(String id, SfError e, boolean upsert) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("success", false);
        r.put("errors", List.of(e.collectionError()));
        if (upsert) {
            r.put("created", false);
        }
        return r;
    }

    private static List<Map<String, Object>> rolledBack(List<Map<String, Object>> results, boolean upsert) {
        SfError rolledBack = SfError.badRequest("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : results) {
            out.add(Boolean.TRUE.equals(r.get("success")) ? failure(null, rolledBack, upsert) : r);
        }
        return out;
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static Object valueIgnoringCase(Map<String, Object> record, String field) {
        return record.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(field)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Object removeIgnoringCase(Map<String, Object> record, String field) {
        Object v = valueIgnoringCase(record, field);
        record.keySet().removeIf(k -> k.equalsIgnoreCase(field));
        return v;
    }
}

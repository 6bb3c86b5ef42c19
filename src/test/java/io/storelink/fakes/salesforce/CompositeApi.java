package io.storelink.fakes.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /composite}: subrequests run in order inside one store transaction, with {@code @{ref.path}}
 * references resolved from earlier results. allOrNone rolls every write back on the first failure.
 * The top-level status is 200 whatever happens to the subrequests, as on Salesforce. At most 25 subrequests,
 * of which at most 5 may be queries (query, queryAll, next pages) or sObject Collections.
 */
final class CompositeApi {

    static final int MAX_SUBREQUESTS = 25;
    static final int MAX_QUERIES_AND_COLLECTIONS = 5;
    static final String ROLLED_BACK = "The transaction was rolled back since another operation in the same transaction failed.";
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+])+)}");
    private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern QUERY_OR_COLLECTION = Pattern.compile("/services/data/v[0-9.]+/(query|queryAll|composite/sobjects)([/?].*)?");

    private final SalesforceStore store;
    private final RestApi rest;

    CompositeApi(SalesforceStore store, RestApi rest) {
        this.store = store;
        this.rest = rest;
    }

    @SuppressWarnings("unchecked")
    ApiResponse handle(ApiRequest req, boolean lockFault) {
        if (!(req.body() instanceof Map<?, ?> body) || !(body.get("compositeRequest") instanceof List<?> subs)) {
            throw SfError.badRequest("JSON_PARSER_ERROR", "The request body must contain a compositeRequest array");
        }
        if (subs.isEmpty() || subs.size() > MAX_SUBREQUESTS) {
            throw SfError.badRequest("INVALID_API_INPUT",
                    "The number of subrequests must be between 1 and " + MAX_SUBREQUESTS + ", was " + subs.size());
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Object o : subs) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("method") instanceof String) || !(m.get("url") instanceof String)
                    || !(m.get("referenceId") instanceof String ref)) {
                throw SfError.badRequest("JSON_PARSER_ERROR", "Each subrequest needs method, url and referenceId");
            }
            if (!REFERENCE_ID.matcher(ref).matches() || seen.contains(ref)) {
                throw SfError.badRequest("INVALID_API_INPUT", "Invalid or duplicate referenceId: " + ref);
            }
            seen.add(ref);
            requests.add((Map<String, Object>) m);
        }
        long heavy = requests.stream().filter(r -> QUERY_OR_COLLECTION.matcher((String) r.get("url")).matches()).count();
        if (heavy > MAX_QUERIES_AND_COLLECTIONS) {
            throw SfError.badRequest("LIMIT_EXCEEDED", "A composite request can contain at most " + MAX_QUERIES_AND_COLLECTIONS
                    + " query or sObject Collections subrequests, was " + heavy);
        }
        boolean allOrNone = Boolean.TRUE.equals(body.get("allOrNone"));
        return store.locked(() -> ApiResponse.of(200, Map.of("compositeResponse", run(requests, allOrNone, lockFault, req))));
    }

    private List<Map<String, Object>> run(List<Map<String, Object>> requests, boolean allOrNone, boolean lockFault, ApiRequest outer) {
        int savepoint = store.savepoint();
        try {
            Map<String, ApiResponse> done = new HashMap<>();
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Map<String, Object> sub = requests.get(i);
                String ref = (String) sub.get("referenceId");
                ApiResponse r = lockFault && i == 0 ? ApiResponse.error(Fault.UNABLE_TO_LOCK_ROW.error()) : execute(sub, done, outer);
                done.put(ref, r);
                results.add(result(r, ref));
                if (r.failed() && allOrNone) {
                    store.rollbackTo(savepoint);
                    return haltedExcept(requests, i, results.get(i));
                }
            }
            store.commit();
            return results;
        } catch (RuntimeException e) {
            store.rollbackTo(savepoint); // a bug must not leave half a transaction behind
            throw e;
        }
    }

    private ApiResponse execute(Map<String, Object> sub, Map<String, ApiResponse> done, ApiRequest outer) {
        try {
            String url = (String) substitute(sub.get("url"), done, true);
            Object body = substitute(Json.deepCopy(sub.get("body")), done, false);
            String method = ((String) sub.get("method")).toUpperCase();
            ApiRequest req = ApiRequest.parse(method, url, body, outer.headers()).orElseThrow(SfError::notFound);
            if (req.size() == 1 && "composite".equals(req.segment(0))) {
                throw SfError.badRequest("INVALID_API_INPUT", "Composite requests cannot be nested");
            }
            return rest.handle(req, false); // creates carry their Location header, as Salesforce's subresponses do
        } catch (SfError e) {
            return ApiResponse.error(e);
        }
    }

    /** The failing subrequest keeps its own result; all others report PROCESSING_HALTED. */
    private static List<Map<String, Object>> haltedExcept(List<Map<String, Object>> requests, int failed, Map<String, Object> failure) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(i == failed ? failure
                    : result(ApiResponse.error(SfError.processingHalted(ROLLED_BACK)), (String) requests.get(i).get("referenceId")));
        }
        return out;
    }

    private static Map<String, Object> result(ApiResponse r, String referenceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("body", r.body());
        m.put("httpHeaders", r.headers());
        m.put("httpStatusCode", r.status());
        m.put("referenceId", referenceId);
        return m;
    }

    // ---- @{ref.path} references ----

    /** Replaces references in every string of a url/body; a string that is exactly one reference takes the value's JSON type. */
    @SuppressWarnings("unchecked")
    private Object substitute(Object value, Map<String, ApiResponse> done, boolean inUrl) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, substitute(v, done, false)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(substitute(v, done, false)));
            return out;
        }
        if (!(value instanceof String s) || !s.contains("@{")) {
            return value;
        }
        Matcher m = REFERENCE.matcher(s);
        if (!inUrl && m.matches()) {
            return resolve(m.group(1), m.group(2), done);
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = resolve(m.group(1), m.group(2), done);
            String text = v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object resolve(String ref, String path, Map<String, ApiResponse> done) {
        String expr = ref + path;
        ApiResponse earlier = done.get(ref);
        if (earlier == null || earlier.failed()) {
            throw SfError.processingHalted("Invalid reference specified. No value for " + expr + " found in " + ref
                    + ". Provided referenceId ('" + ref + "') doesn't exist");
        }
        Object current = earlier.body();
        Matcher step = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)]").matcher(path);
        while (step.find() && current != null) {
            if (step.group(1) != null) {
                current = current instanceof Map<?, ?> m ? m.get(step.group(1)) : null; // case-sensitive, like Salesforce
            } else {
                int idx = Integer.parseInt(step.group(2));
                current = current instanceof List<?> l && idx < l.size() ? l.get(idx) : null;
            }
        }
        if (current == null || current instanceof Map || current instanceof List) {
            throw SfError.processingHalted("Invalid reference specified. No value for " + expr + " found in " + ref + ".");
        }
        return current;
    }
}

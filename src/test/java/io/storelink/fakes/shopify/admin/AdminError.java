package io.storelink.fakes.shopify.admin;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.schema.DataFetchingEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GraphQL error in Shopify's shape: message, locations, path, extensions {code, ...}. */
record AdminError(String message, List<SourceLocation> locations, List<Object> path, Map<String, Object> extensions)
        implements GraphQLError {

    /** An error at the field being fetched. */
    static AdminError at(DataFetchingEnvironment env, String message, Map<String, Object> extensions) {
        SourceLocation loc = env.getField().getSourceLocation();
        return new AdminError(message, loc == null ? List.of() : List.of(loc),
                env.getExecutionStepInfo().getPath().toList(), extensions);
    }

    /** An error Shopify reports before running the query, at a field's path (no location). */
    static AdminError at(List<Object> path, String message) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", "BAD_REQUEST");
        return new AdminError(message, List.of(), path, ext);
    }

    /** An error about the request as a whole (no field path). */
    static AdminError request(String message, Map<String, Object> extensions) {
        return new AdminError(message, List.of(), null, extensions);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorType getErrorType() {
        return ErrorType.DataFetchingException;
    }

    /** JSON form as Shopify writes it (graphql-java's own form would add a "classification" extension). */
    static Map<String, Object> toJson(GraphQLError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", e.getMessage());
        if (e.getLocations() != null && !e.getLocations().isEmpty()) {
            m.put("locations", e.getLocations().stream()
                    .map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        if (e.getPath() != null) {
            m.put("path", e.getPath());
        }
        Map<String, Object> ext = e.getExtensions();
        if ((ext == null || ext.isEmpty()) && e.getErrorType() != null) {
            ext = Map.of("code", String.valueOf(e.getErrorType())); // graphql-java's own errors: its classification as code
        }
        if (ext != null && !ext.isEmpty()) {
            m.put("extensions", ext);
        }
        return m;
    }
}

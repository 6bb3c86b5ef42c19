package io.storelink.fakes.shopify.admin;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.Map;

/** The bulk operation fields: the run and cancel mutations, and the three ways to read an operation back. */
final class BulkFetchers {

    private static final Map<String, DataFetcher<?>> FIELDS = Map.of(
            "Mutation.bulkOperationRunQuery", env -> bulk(env).run(env.getArgument("query"),
                    Boolean.TRUE.equals(env.getArgument("groupObjects")), RequestContext.of(env)),
            "Mutation.bulkOperationCancel", env -> bulk(env).cancel(env.getArgument("id")),
            "QueryRoot.bulkOperation", env -> bulk(env).poll(env.getArgument("id")),
            "QueryRoot.currentBulkOperation", env -> bulk(env).current(env.getArgumentOrDefault("type", "QUERY")),
            "QueryRoot.node", BulkFetchers::node);

    private BulkFetchers() {
    }

    static DataFetcher<?> forField(String parentType, String field) {
        return FIELDS.get(parentType + "." + field);
    }

    /** node(id:) is modelled for BulkOperation gids only (what the bulk guide reads back with it). */
    private static Object node(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        if (!id.startsWith("gid://shopify/BulkOperation/")) {
            throw FieldError.notModelled("node(id:) for " + id);
        }
        return bulk(env).poll(id);
    }

    private static BulkOperations bulk(DataFetchingEnvironment env) {
        return RequestContext.of(env).shop().bulkOperations();
    }
}

package io.storelink.fakes.shopify.admin;

import graphql.schema.DataFetchingEnvironment;

import java.util.Set;

/** Per request: the store the data fetchers read and the scopes the access token was granted (the schema is shared). */
record RequestContext(ShopData shop, Set<String> scopes) {

    static RequestContext of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestContext.class);
    }

    /** As on Shopify, a write_ scope implies the matching read_ scope. */
    boolean granted(String scope) {
        return scopes.contains(scope) || (scope.startsWith("read_") && scopes.contains("write_" + scope.substring(5)));
    }
}

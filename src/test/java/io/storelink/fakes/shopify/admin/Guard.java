package io.storelink.fakes.shopify.admin;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/** Wraps every field's fetcher: the scope check first, then {@link FieldError}s become errors at the field's path. */
final class Guard implements DataFetcher<Object> {

    private final DataFetcher<?> inner;
    private final String scope;

    Guard(DataFetcher<?> inner, String scope) {
        this.inner = inner;
        this.scope = scope;
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        if (scope != null && !RequestContext.of(env).granted(scope)) {
            return DataFetcherResult.newResult().error(ScopeRules.denied(env, scope)).build();
        }
        try {
            return inner.get(env);
        } catch (FieldError e) {
            return DataFetcherResult.newResult().error(AdminError.at(env, e.getMessage(), e.extensions)).build();
        }
    }
}

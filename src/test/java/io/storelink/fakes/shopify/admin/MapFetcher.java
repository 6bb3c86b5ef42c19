package io.storelink.fakes.shopify.admin;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The default fetcher: the view maps hold every modelled field under its GraphQL name (null where Shopify
 * answers null). A key that is absent means "not modelled" and fails loudly. A {@link Supplier} is resolved
 * lazily (e.g. a location's inventory levels); a list under a *Connection field is paged, a list field with
 * {@code first} is cut.
 */
final class MapFetcher implements DataFetcher<Object> {

    private final String parentType;
    private final String field;

    MapFetcher(String parentType, String field) {
        this.parentType = parentType;
        this.field = field;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        if (!(env.getSource() instanceof Map<?, ?> source)) {
            return null;
        }
        if (!source.containsKey(field)) {
            throw FieldError.notModelled(parentType + "." + field);
        }
        Object value = source.get(field);
        if (value instanceof Supplier<?> lazy) {
            value = lazy.get();
        }
        if (value instanceof List<?> list) {
            GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldType());
            GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(type);
            if (named instanceof GraphQLObjectType o && o.getName().endsWith("Connection")) {
                return Connections.page(list, env.getArguments());
            }
            if (type instanceof GraphQLList && env.getArgument("first") instanceof Integer first) {
                return list.subList(0, Math.min(list.size(), Math.max(0, first)));
            }
        }
        return value;
    }
}

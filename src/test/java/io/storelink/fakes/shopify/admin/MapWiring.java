package io.storelink.fakes.shopify.admin;

import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.DataFetcher;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.TypeUtil;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;

import java.util.Map;

/**
 * Wires all 3,535 types generically: QueryRoot's modelled fields get {@link RootFetchers}, the one modelled mutation
 * {@link WebhookSubscriptionCreate}, every other field
 * reads its view map ({@link MapFetcher}); each is wrapped in a {@link Guard}. Interfaces and unions resolve by
 * the map's {@code __typename}.
 */
final class MapWiring implements WiringFactory {

    private static final TypeResolver BY_TYPENAME = env -> env.getObject() instanceof Map<?, ?> m
            && m.get("__typename") instanceof String name ? env.getSchema().getObjectType(name) : null;

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public boolean providesDataFetcher(FieldWiringEnvironment environment) {
        return true;
    }

    @Override
    public DataFetcher<?> getDataFetcher(FieldWiringEnvironment env) {
        String parent = env.getParentType().getName();
        String field = env.getFieldDefinition().getName();
        DataFetcher<?> inner = RootFetchers.forField(parent, field);
        if (inner == null && parent.equals("Mutation") && field.equals("webhookSubscriptionCreate")) {
            inner = new WebhookSubscriptionCreate(); // checks the topic's scope itself: it depends on the argument
        }
        if (inner == null) {
            inner = BulkFetchers.forField(parent, field);
        }
        if (inner == null && parent.equals("InventoryLevel") && field.equals("quantities")) {
            inner = InventoryViews.QUANTITIES;
        }
        if (inner == null) {
            inner = new MapFetcher(parent, field);
        }
        Type<?> returnType = TypeUtil.unwrapAll(env.getFieldDefinition().getType());
        return new Guard(inner, ScopeRules.required(parent, field, ((TypeName) returnType).getName()));
    }
}

package io.storelink.fakes.shopify.admin;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shopify's custom scalars (DateTime, Decimal, URL, UnsignedInt64, Money, JSON, HTML, ...) are strings
 * (JSON: any value) on the wire. The fake stores them already in wire form, so they pass through unchanged;
 * literals in a document become plain Java values.
 */
final class PassThroughScalars {

    private PassThroughScalars() {
    }

    static GraphQLScalarType scalar(String name, String description) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(COERCING).build();
    }

    private static final Coercing<Object, Object> COERCING = new Coercing<>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input, variables);
        }
    };

    private static Object literal(Value<?> v, CoercedVariables variables) {
        if (v instanceof StringValue s) return s.getValue();
        if (v instanceof IntValue i) return i.getValue();
        if (v instanceof FloatValue f) return f.getValue();
        if (v instanceof BooleanValue b) return b.isValue();
        if (v instanceof EnumValue e) return e.getName();
        if (v instanceof NullValue) return null;
        if (v instanceof VariableReference r) return variables.get(r.getName());
        if (v instanceof ArrayValue a) return a.getValues().stream().map(x -> literal(x, variables)).toList();
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.getObjectFields().forEach(f -> m.put(f.getName(), literal(f.getValue(), variables)));
            return m;
        }
        return List.of();
    }
}

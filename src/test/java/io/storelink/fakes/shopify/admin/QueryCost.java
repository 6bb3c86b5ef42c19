package io.storelink.fakes.shopify.admin;

import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;

/**
 * Shopify's calculated query cost, from the normalized operation (fragments and aliases resolved):
 * scalars and enums 0, objects 1 + their children, connections 2 + first x (1 + the node's children),
 * list fields with a {@code first} argument first x element, mutations 10. The actual cost applies the same
 * rules to what the response holds. Also checks page sizes, which Shopify refuses before running a query.
 */
final class QueryCost {

    static final int MAX_QUERY_COST = 1000;
    static final int MAX_PAGE_SIZE = 250;
    private static final int MUTATION = 10;

    private final GraphQLSchema schema;

    QueryCost(GraphQLSchema schema) {
        this.schema = schema;
    }

    int requested(ExecutableNormalizedOperation op) {
        if (op.getOperation() == OperationDefinition.Operation.MUTATION) {
            return MUTATION * op.getTopLevelFields().size();
        }
        return children(op.getTopLevelFields(), null, (f, ignored) -> requested(f));
    }

    int actual(ExecutableNormalizedOperation op, Map<String, Object> data) {
        if (op.getOperation() == OperationDefinition.Operation.MUTATION) {
            return MUTATION * op.getTopLevelFields().size();
        }
        return children(op.getTopLevelFields(), data, this::actual);
    }

    /** Page-size errors ("you must provide one of first or last", first above 250), or an empty list. */
    List<AdminError> pageSizeErrors(ExecutableNormalizedOperation op) {
        List<AdminError> errors = new ArrayList<>();
        for (ExecutableNormalizedField top : op.getTopLevelFields()) {
            top.traverseSubTree(f -> check(f, errors));
            check(top, errors);
        }
        return errors;
    }

    private void check(ExecutableNormalizedField f, List<AdminError> errors) {
        if (!isConnection(f)) return;
        Object first = f.getResolvedArguments().get("first");
        Object last = f.getResolvedArguments().get("last");
        if (first == null && last == null) {
            errors.add(AdminError.at(path(f), "you must provide one of first or last"));
        }
        for (Map.Entry<String, Object> size : Map.of("first", first == null ? 0 : first, "last", last == null ? 0 : last).entrySet()) {
            int n = (Integer) size.getValue();
            if (n < 0 || n > MAX_PAGE_SIZE) { // wording not verified live
                errors.add(AdminError.at(path(f), "Argument '" + size.getKey() + "' on Field '" + f.getName()
                        + "' has an invalid value (" + n + "). Expected a page size from 0 to " + MAX_PAGE_SIZE + "."));
            }
        }
    }

    // ---- requested ----

    private int requested(ExecutableNormalizedField f) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(f.getType(schema));
        if (isLeaf(type)) return 0;
        if (isConnection(f)) {
            int node = 0;
            for (ExecutableNormalizedField c : f.getChildren()) {
                if (c.getName().equals("nodes")) node = Math.max(node, 1 + children(c.getChildren(), null, (x, i) -> requested(x)));
                if (c.getName().equals("edges")) {
                    for (ExecutableNormalizedField n : c.getChildren()) {
                        if (n.getName().equals("node")) node = Math.max(node, 1 + children(n.getChildren(), null, (x, i) -> requested(x)));
                    }
                }
            }
            return 2 + pageSize(f) * node;
        }
        int element = 1 + children(f.getChildren(), null, (x, i) -> requested(x));
        return type instanceof GraphQLList ? listSize(f) * element : element;
    }

    private int pageSize(ExecutableNormalizedField f) {
        Object first = f.getResolvedArguments().get("first");
        Object last = f.getResolvedArguments().get("last");
        return first instanceof Integer n ? n : last instanceof Integer n ? n : 0;
    }

    /** A list's element count as far as the document fixes it: first, else the names asked for, else 1. */
    private int listSize(ExecutableNormalizedField f) {
        Map<String, Object> args = f.getResolvedArguments();
        if (args.get("first") instanceof Integer n) return n;
        if (args.get("names") instanceof List<?> names) return names.size();
        return 1;
    }

    // ---- actual ----

    private int actual(ExecutableNormalizedField f, Object value) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(f.getType(schema));
        if (isLeaf(type)) return 0;
        if (isConnection(f)) {
            if (!(value instanceof Map<?, ?> connection)) return 2;
            int viaNodes = 0;
            int viaEdges = 0;
            for (ExecutableNormalizedField c : f.getChildren()) {
                Object v = connection.get(c.getResultKey());
                if (c.getName().equals("nodes") && v instanceof List<?> nodes) {
                    for (Object n : nodes) viaNodes += n == null ? 0 : 1 + children(c.getChildren(), n, this::actual);
                }
                if (c.getName().equals("edges") && v instanceof List<?> edges) {
                    for (ExecutableNormalizedField nf : c.getChildren()) {
                        if (!nf.getName().equals("node")) continue;
                        for (Object e : edges) {
                            Object n = e instanceof Map<?, ?> edge ? edge.get(nf.getResultKey()) : null;
                            viaEdges += n == null ? 0 : 1 + children(nf.getChildren(), n, this::actual);
                        }
                    }
                }
            }
            return 2 + Math.max(viaNodes, viaEdges);
        }
        if (value instanceof List<?> list) {
            int sum = 0;
            for (Object element : list) sum += element == null ? 0 : 1 + children(f.getChildren(), element, this::actual);
            return sum;
        }
        return type instanceof GraphQLList ? 0 : 1 + (value == null ? 0 : children(f.getChildren(), value, this::actual));
    }

    // ---- shared ----

    /**
     * Cost of a selection set: the sum over its fields, per possible object type (fragments on an interface
     * select different fields per type), the most expensive type counting.
     */
    private int children(List<ExecutableNormalizedField> fields, Object parentValue,
                         ToIntBiFunction<ExecutableNormalizedField, Object> cost) {
        if (fields.isEmpty()) return 0;
        Map<String, Integer> byType = new HashMap<>();
        for (ExecutableNormalizedField f : fields) {
            Object v = parentValue instanceof Map<?, ?> m ? m.get(f.getResultKey()) : null;
            int c = cost.applyAsInt(f, v);
            for (String t : f.getObjectTypeNames()) byType.merge(t, c, Integer::sum);
        }
        return byType.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private boolean isConnection(ExecutableNormalizedField f) {
        GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(f.getType(schema));
        if (!(named instanceof GraphQLObjectType o) || !o.getName().endsWith("Connection")) return false;
        GraphQLFieldDefinition def = f.getFieldDefinitions(schema).get(0);
        return def.getArgument("first") != null && o.getFieldDefinition("pageInfo") != null;
    }

    private static boolean isLeaf(GraphQLType type) {
        return GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(type));
    }

    private static List<Object> path(ExecutableNormalizedField f) {
        List<Object> path = new ArrayList<>();
        for (ExecutableNormalizedField x = f; x != null; x = x.getParent()) path.add(0, x.getResultKey());
        return path;
    }
}

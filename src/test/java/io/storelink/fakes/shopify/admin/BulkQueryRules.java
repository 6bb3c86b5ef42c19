package io.storelink.fakes.shopify.admin;

import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks {@code bulkOperationRunQuery} makes on its inner query before accepting it (shopify.dev "Perform bulk
 * operations", query rules): valid against the schema, a single top-level field that is not {@code node}/{@code nodes},
 * at least one connection, at most 5 connections, nested at most 2 levels deep. A violation becomes a user error with
 * code INVALID. The exact message texts are UNCONFIRMED (the guide lists the rules, not the words).
 */
public final class BulkQueryRules {

    static final int MAX_CONNECTIONS = 5;
    static final int MAX_DEPTH = 2;

    /** A parsed, accepted inner query. */
    record Accepted(Document document, OperationDefinition operation, Field root) {}

    /** Either {@code accepted} or {@code problem} (the user error's message). */
    record Verdict(Accepted accepted, String problem) {}

    private BulkQueryRules() {
    }

    /** What bulkOperationRunQuery would say about {@code query}: null when it accepts it (for tests of the bridge's queries). */
    public static String problem(String query) {
        return check(query).problem();
    }

    static Verdict check(String query) {
        GraphQLSchema schema = AdminSchema.schema();
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return refuse("Invalid bulk query: " + e.getMessage());
        }
        List<ValidationError> invalid = ParseAndValidate.validate(schema, document);
        if (!invalid.isEmpty()) {
            return refuse("Invalid bulk query: " + invalid.stream().map(ValidationError::getDescription).collect(Collectors.joining("; ")));
        }
        List<OperationDefinition> ops = document.getDefinitionsOfType(OperationDefinition.class);
        if (ops.size() != 1 || ops.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
            return refuse("Invalid bulk query: the document must hold exactly one query");
        }
        OperationDefinition op = ops.get(0);
        List<Field> top = op.getSelectionSet().getSelectionsOfType(Field.class);
        if (top.size() != 1 || op.getSelectionSet().getSelections().size() != 1) {
            return refuse("Invalid bulk query: Bulk queries must select exactly one top level field");
        }
        Field root = top.get(0);
        if (root.getName().equals("node") || root.getName().equals("nodes")) {
            return refuse("Invalid bulk query: The top level `" + root.getName() + "` field is not supported in bulk queries");
        }
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        int[] stats = new int[2]; // connections, deepest nesting
        count(schema.getQueryType(), new SelectionSet(List.of(root)), 0, stats, fragments, schema);
        if (stats[0] == 0) {
            return refuse("Invalid bulk query: Bulk queries must contain at least one connection.");
        }
        if (stats[0] > MAX_CONNECTIONS) {
            return refuse("Invalid bulk query: Bulk queries cannot contain more than " + MAX_CONNECTIONS + " connections.");
        }
        if (stats[1] > MAX_DEPTH) {
            return refuse("Invalid bulk query: Bulk queries cannot contain connections nested more than " + MAX_DEPTH + " levels deep.");
        }
        return new Verdict(new Accepted(document, op, root), null);
    }

    static boolean isConnection(GraphQLFieldDefinition def) {
        return GraphQLTypeUtil.unwrapAll(def.getType()).getName().endsWith("Connection");
    }

    private static void count(GraphQLFieldsContainer parent, SelectionSet set, int depth, int[] stats,
                              Map<String, FragmentDefinition> fragments, GraphQLSchema schema) {
        if (set == null) return;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                GraphQLFieldDefinition def = parent.getFieldDefinition(f.getName());
                if (def == null) continue; // __typename
                int d = depth;
                if (isConnection(def)) {
                    stats[0]++;
                    d = depth + 1;
                    stats[1] = Math.max(stats[1], d);
                }
                GraphQLNamedType type = GraphQLTypeUtil.unwrapAll(def.getType());
                if (type instanceof GraphQLFieldsContainer c) count(c, f.getSelectionSet(), d, stats, fragments, schema);
            } else if (s instanceof InlineFragment i) {
                GraphQLFieldsContainer on = i.getTypeCondition() == null ? parent
                        : (GraphQLFieldsContainer) schema.getType(i.getTypeCondition().getName());
                count(on, i.getSelectionSet(), depth, stats, fragments, schema);
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition f = fragments.get(spread.getName());
                count((GraphQLFieldsContainer) schema.getType(f.getTypeCondition().getName()), f.getSelectionSet(), depth, stats, fragments, schema);
            }
        }
    }

    private static Verdict refuse(String message) {
        return new Verdict(null, message);
    }
}

package io.storelink.shopify.admin;

import graphql.ParseAndValidate;
import graphql.execution.CoercedVariables;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import io.storelink.fakes.shopify.admin.AdminSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query and mutation the bridge sends (src/main/resources/shopify/*.graphql) is valid against Shopify's real Admin
 * API schema and selects nothing deprecated, so a schema change shows up here and not in production.
 */
class ShopifyQueriesTest {

    private static final Path QUERIES = Path.of("src/main/resources/shopify");

    @Test
    void everyBridgeQueryIsValidAndUsesNothingDeprecated() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(QUERIES)) {
            files = s.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        assertThat(files).anyMatch(f -> f.endsWith("webhook-subscription-create.graphql")); // mutations are checked too
        System.out.println("Shopify Admin schema built in " + AdminSchema.buildMillis() + " ms");
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            // as sent: with the fragments it imports
            String name = f.getFileName().toString();
            problems.addAll(problems(name, GraphqlDocuments.load(name.substring(0, name.length() - ".graphql".length()))));
        }
        assertThat(problems).isEmpty();
        // graphql-java drops the deprecation of input fields when it reads an introspection result, so the checker
        // cannot see it: WebhookSubscriptionInput.callbackUrl is deprecated in 2026-07 (uri replaces it)
        for (Path f : files) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("callbackUrl");
        }
    }

    /** The checker itself: it must catch an invalid document and a deprecated field. */
    @Test
    void checkerCatchesInvalidAndDeprecatedSelections() {
        assertThat(problems("unknown-field", "query Q { orders(first: 1) { nodes { totalPriceV3 } } }"))
                .singleElement().asString().contains("totalPriceV3");
        assertThat(problems("wrong-argument-type", "query Q($first: String) { orders(first: $first) { nodes { id } } }"))
                .isNotEmpty();
        assertThat(problems("syntax", "query Q { orders(first: 1) { nodes { id }")).isNotEmpty();
        assertThat(problems("deprecated", "query Q { orders(first: 1) { nodes { customer { email } } } }"))
                .singleElement().asString().contains("Customer.email is deprecated");

    }

    /** Validation errors and deprecated fields, arguments and enum values the document uses. */
    static List<String> problems(String name, String document) {
        GraphQLSchema schema = AdminSchema.schema();
        Document doc;
        try {
            doc = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return List.of(name + ": " + e.getMessage());
        }
        List<ValidationError> errors = ParseAndValidate.validate(schema, doc);
        if (!errors.isEmpty()) {
            return errors.stream().map(e -> name + ": " + e.getMessage()).toList();
        }
        List<String> out = new ArrayList<>();
        // a value for every variable without a default, so that @include/@skip can be evaluated (defaults apply)
        Map<String, Object> raw = new java.util.HashMap<>();
        for (graphql.language.OperationDefinition o : doc.getDefinitionsOfType(graphql.language.OperationDefinition.class)) {
            for (graphql.language.VariableDefinition v : o.getVariableDefinitions()) {
                if (v.getDefaultValue() == null) {
                    String type = graphql.schema.idl.TypeUtil.unwrapAll(v.getType()).getName();
                    raw.put(v.getName(), switch (type) {
                        case "Int" -> 1;
                        case "Boolean" -> true;
                        default -> schema.getType(type) instanceof GraphQLEnumType e ? e.getValues().get(0).getName() : "x";
                    });
                }
            }
        }
        ExecutableNormalizedOperation op = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                schema, doc, null, graphql.execution.RawVariables.of(raw));
        for (ExecutableNormalizedField top : op.getTopLevelFields()) {
            deprecated(name, schema, top, out);
            top.traverseSubTree(f -> deprecated(name, schema, f, out));
        }
        return out.stream().distinct().toList();
    }

    private static void deprecated(String name, GraphQLSchema schema, ExecutableNormalizedField f, List<String> out) {
        for (GraphQLFieldDefinition def : f.getFieldDefinitions(schema)) { // one per possible parent type
            String field = f.objectTypeNamesToString() + "." + def.getName();
            if (def.isDeprecated()) {
                out.add(name + ": " + field + " is deprecated: " + def.getDeprecationReason());
            }
            for (Argument a : f.getAstArguments()) {
                GraphQLArgument arg = def.getArgument(a.getName());
                if (arg == null) continue;
                if (arg.isDeprecated()) {
                    out.add(name + ": " + field + "(" + a.getName() + ") is deprecated: " + arg.getDeprecationReason());
                }
                if (a.getValue() instanceof EnumValue v && GraphQLTypeUtil.unwrapAll(arg.getType()) instanceof GraphQLEnumType e
                        && e.getValue(v.getName()) != null && e.getValue(v.getName()).isDeprecated()) {
                    out.add(name + ": " + e.getName() + "." + v.getName() + " is deprecated: " + e.getValue(v.getName()).getDeprecationReason());
                }
            }
        }
    }
}

package io.storelink.fakes.shopify.admin;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One GraphQL request, in Shopify's order: parse and validate, then cost (page sizes, the 1,000-point limit,
 * the bucket), then execute and charge the actual cost. Every answer carries extensions.cost.
 */
final class GraphqlEndpoint {

    /** status 200 unless THROTTLED in 429 mode; {@code throttled} for the counters. */
    record Answer(int status, Map<String, Object> body, boolean throttled) {}

    private final ShopData shop;
    private final CostBucket bucket;
    private final QueryCost cost = new QueryCost(AdminSchema.schema());

    GraphqlEndpoint(ShopData shop, CostBucket bucket) {
        this.shop = shop;
        this.bucket = bucket;
    }

    /** The name counters file a request under: the chosen operation's name, else the one the body gave. */
    static String operationName(String query, String operationName) {
        if (operationName != null) return operationName;
        try {
            List<OperationDefinition> ops = Parser.parse(query).getDefinitionsOfType(OperationDefinition.class);
            return ops.size() == 1 ? ops.get(0).getName() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    Answer execute(String query, Map<String, Object> variables, String operationName, Set<String> scopes, int throttleHttpStatus) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return failed(List.of(e.toInvalidSyntaxError()));
        }
        List<ValidationError> invalid = ParseAndValidate.validate(AdminSchema.schema(), document);
        if (!invalid.isEmpty()) {
            return failed(invalid);
        }
        ExecutableNormalizedOperation op;
        try {
            op = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    AdminSchema.schema(), document, operationName, RawVariables.of(variables));
        } catch (RuntimeException e) { // unknown operation, missing or mistyped variables
            if (e instanceof GraphQLError g) return failed(List.of(g));
            throw e;
        }
        List<AdminError> pageSizes = cost.pageSizeErrors(op);
        if (!pageSizes.isEmpty()) {
            return failed(pageSizes);
        }
        int requested = cost.requested(op);
        if (requested > QueryCost.MAX_QUERY_COST) {
            return new Answer(200, ShopifyReplies.maxCostExceeded(requested, bucket.status()), false);
        }
        if (!bucket.reserve(requested)) {
            return new Answer(throttleHttpStatus, ShopifyReplies.throttled(requested, bucket.status()), true);
        }
        ExecutionResult result = AdminSchema.graphQL().execute(ExecutionInput.newExecutionInput(query)
                .operationName(operationName)
                .variables(variables)
                .root(Map.of())
                .graphQLContext(Map.of(RequestContext.class, new RequestContext(shop, scopes), Document.class, document)));
        Map<String, Object> data = result.getData();
        int actual = Math.min(requested, cost.actual(op, data));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (!result.getErrors().isEmpty()) {
            body.put("errors", result.getErrors().stream().map(AdminError::toJson).toList());
        }
        body.put("extensions", ShopifyReplies.cost(requested, actual, bucket.settle(requested, actual)));
        return new Answer(200, body, false);
    }

    /** Refused before execution: nothing charged. */
    private Answer failed(List<? extends GraphQLError> errors) {
        return new Answer(200, ShopifyReplies.errors(errors, ShopifyReplies.cost(0, 0, bucket.status())), false);
    }
}

package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a bulk query's result as Shopify's JSONL: one line per connection node, nested connection nodes on lines of
 * their own carrying {@code __parentId} (the enclosing node's gid), children after their parents. The inner query runs
 * through the same executable schema and views as ordinary queries (so scopes and modelled fields are the same), a page
 * of root objects at a time: the result is never held whole, only one page of rendered maps.
 * <p>
 * {@code first}/{@code after} of every connection are replaced (the guide: "The first argument is optional and ignored
 * if present"); {@code query:}, {@code sortKey:} and {@code reverse:} stay. With {@code groupObjects:false} (the
 * 2026-01 default) a page's children come after all of the page's roots, so children are not adjacent to their parent
 * (what Shopify guarantees there is UNCONFIRMED; this is the layout a reader must cope with); with {@code true} each
 * parent is directly followed by its children.
 */
final class BulkJsonl {

    /** What was written; {@code accessDenied} when the scopes did not cover the query (the operation then fails). */
    record Written(long objects, long roots, long bytes, boolean accessDenied) {}

    static final int PAGE = 1000;
    private static final int ALL = 1_000_000; // nested connections: all of them ("first" is ignored in bulk)
    private static final String PAGE_INFO = "bulkPageInfo_";
    private static final Set<String> PAGING = Set.of("first", "last", "after", "before");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BulkQueryRules.Accepted query;
    private final boolean grouped;
    private final RequestContext context;
    private final GraphQLSchema schema = AdminSchema.schema();
    private final Map<String, FragmentDefinition> fragments;

    private final Iterable<ObjectNode> source;

    /** {@code source}: orders oldest first to read instead of the shop's (a generated history); null for the shop's. */
    BulkJsonl(BulkQueryRules.Accepted query, boolean grouped, RequestContext context, Iterable<ObjectNode> source) {
        this.source = source;
        this.query = query;
        this.grouped = grouped;
        this.context = context;
        this.fragments = query.document().getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
    }

    /** Writes at most {@code maxRoots} root objects (a partial result) to {@code out}. */
    Written write(OutputStream out, long maxRoots) throws IOException {
        GraphQLFieldDefinition rootDef = schema.getQueryType().getFieldDefinition(query.root().getName());
        GraphQLFieldsContainer rootType = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(rootDef.getType());
        String key = resultKey(query.root());
        long objects = 0;
        long roots = 0;
        long bytes = 0;
        String after = null;
        Iterator<ObjectNode> generated = source == null ? null : source.iterator();
        Predicate<ObjectNode> filter = generated == null ? null : OrderSearch.parse(searchArgument());
        while (roots < maxRoots) {
            RequestContext on = context;
            if (generated != null) { // the next page of the source in a shop of its own, read as one page of the query
                ShopData page = new ShopData();
                for (int n = 0; n < PAGE && generated.hasNext(); ) {
                    ObjectNode o = generated.next();
                    if (filter.test(o)) { page.putOrder(o); n++; }
                }
                on = new RequestContext(page, context.scopes());
            }
            ExecutionResult result = execute(after, on);
            if (result.getErrors().stream().anyMatch(BulkJsonl::accessDenied)) {
                return new Written(objects, roots, bytes, true);
            }
            if (!result.getErrors().isEmpty()) {
                throw new IllegalStateException("bulk query failed in the fake: " + result.getErrors());
            }
            Map<?, ?> connection = (Map<?, ?>) ((Map<?, ?>) result.getData()).get(key);
            List<Line> children = new ArrayList<>();
            for (Map<?, ?> node : nodes(connection)) {
                if (roots >= maxRoots) break;
                List<Line> own = new ArrayList<>();
                Line line = line(node, null, nodeType(rootType), nodeSelection(query.root()), own);
                roots++;
                bytes += emit(out, line.fields());
                objects++;
                if (grouped) {
                    for (Line c : own) { bytes += emit(out, c.fields()); objects++; }
                } else {
                    children.addAll(own);
                }
            }
            for (Line c : children) { bytes += emit(out, c.fields()); objects++; }
            Map<?, ?> pageInfo = (Map<?, ?>) connection.get(PAGE_INFO);
            if (generated != null) {
                if (!generated.hasNext()) break;
                continue;
            }
            if (!Boolean.TRUE.equals(pageInfo.get("hasNextPage"))) break;
            after = (String) pageInfo.get("endCursor");
        }
        return new Written(objects, roots, bytes, false);
    }

    private record Line(Map<String, Object> fields) {}

    private static long emit(OutputStream out, Map<String, Object> fields) throws IOException {
        byte[] b = JSON.writeValueAsBytes(fields);
        out.write(b);
        out.write('\n');
        return b.length + 1L;
    }

    /**
     * The node's own line (connection fields taken out), and into {@code children} the lines of its nested connections'
     * nodes, each followed by its own children.
     */
    private Line line(Map<?, ?> node, String parentId, GraphQLFieldsContainer type, SelectionSet selection, List<Line> children) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) node);
        String id = fields.get("id") instanceof String s ? s : parentId;
        extractConnections(fields, type, selection, id, children);
        if (parentId != null) fields.put("__parentId", parentId);
        return new Line(fields);
    }

    /** Moves the nodes of connection fields in {@code fields} (and in objects nested in it) into {@code children}. */
    @SuppressWarnings("unchecked")
    private void extractConnections(Map<String, Object> fields, GraphQLFieldsContainer type, SelectionSet selection,
                                    String id, List<Line> children) {
        for (Field f : flatten(type, selection)) {
            GraphQLFieldDefinition def = type.getFieldDefinition(f.getName());
            if (def == null) continue;
            String key = resultKey(f);
            GraphQLNamedType fieldType = GraphQLTypeUtil.unwrapAll(def.getType());
            if (BulkQueryRules.isConnection(def)) {
                Object conn = fields.remove(key);
                if (conn instanceof Map<?, ?> c) {
                    for (Map<?, ?> child : nodes(c)) {
                        List<Line> grand = new ArrayList<>();
                        children.add(line(child, id, nodeType((GraphQLFieldsContainer) fieldType), nodeSelection(f), grand));
                        children.addAll(grand);
                    }
                }
            } else if (fieldType instanceof GraphQLFieldsContainer inner && fields.get(key) instanceof Map<?, ?> object) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) object);
                extractConnections(copy, inner, f.getSelectionSet(), id, children);
                fields.put(key, copy);
            }
        }
    }

    /** The fields selected on {@code type}, fragments inlined. */
    private List<Field> flatten(GraphQLFieldsContainer type, SelectionSet set) {
        List<Field> out = new ArrayList<>();
        if (set == null) return out;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) out.add(f);
            else if (s instanceof InlineFragment i) out.addAll(flatten(type, i.getSelectionSet()));
            else if (s instanceof FragmentSpread spread) out.addAll(flatten(type, fragments.get(spread.getName()).getSelectionSet()));
        }
        return out;
    }

    private static List<Map<?, ?>> nodes(Map<?, ?> connection) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (connection.get("nodes") instanceof List<?> nodes) {
            for (Object n : nodes) out.add((Map<?, ?>) n);
        } else if (connection.get("edges") instanceof List<?> edges) {
            for (Object e : edges) out.add((Map<?, ?>) ((Map<?, ?>) e).get("node"));
        }
        return out;
    }

    /** The node type of a connection type (XConnection.nodes: [X!]!). */
    private static GraphQLFieldsContainer nodeType(GraphQLFieldsContainer connection) {
        return (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(connection.getFieldDefinition("nodes").getType());
    }

    /** The selection on the node of a connection field: under {@code nodes} or {@code edges { node }}. */
    private SelectionSet nodeSelection(Field connectionField) {
        List<Selection> out = new ArrayList<>();
        for (Field f : flattenUntyped(connectionField.getSelectionSet())) {
            if (f.getName().equals("nodes")) out.addAll(f.getSelectionSet().getSelections());
            if (f.getName().equals("edges")) {
                for (Field e : flattenUntyped(f.getSelectionSet())) {
                    if (e.getName().equals("node")) out.addAll(e.getSelectionSet().getSelections());
                }
            }
        }
        return new SelectionSet(out);
    }

    private List<Field> flattenUntyped(SelectionSet set) {
        return flatten(null, set);
    }

    /** The root field's query: argument (the search filter), null when absent. */
    private String searchArgument() {
        return query.root().getArguments().stream().filter(a -> a.getName().equals("query"))
                .map(a -> a.getValue() instanceof StringValue v ? v.getValue() : null).findFirst().orElse(null);
    }

    private ExecutionResult execute(String after, RequestContext on) {
        OperationDefinition op = query.operation();
        GraphQLFieldsContainer queryRoot = schema.getQueryType();
        Field root = rewrite(query.root(), queryRoot, true, after);
        OperationDefinition paged = op.transform(b -> b.selectionSet(new SelectionSet(List.of(root))));
        List<graphql.language.Definition> defs = new ArrayList<>(fragments.values());
        defs.add(0, paged);
        Document document = Document.newDocument().definitions(defs).build();
        return AdminSchema.graphQL().execute(ExecutionInput.newExecutionInput()
                .query(graphql.language.AstPrinter.printAstCompact(document))
                .root(Map.of())
                .graphQLContext(Map.of(RequestContext.class, on)));
    }

    /** Connection fields get every node (root: one page after {@code after}, with its pageInfo under an alias). */
    private Field rewrite(Field field, GraphQLFieldsContainer parent, boolean root, String after) {
        GraphQLFieldDefinition def = parent == null ? null : parent.getFieldDefinition(field.getName());
        if (def == null) return field;
        GraphQLNamedType type = GraphQLTypeUtil.unwrapAll(def.getType());
        List<Argument> args = field.getArguments();
        List<Selection> selections = field.getSelectionSet() == null ? null : new ArrayList<>();
        if (BulkQueryRules.isConnection(def)) {
            args = new ArrayList<>(args.stream().filter(a -> !PAGING.contains(a.getName())).toList());
            args.add(new Argument("first", new IntValue(BigInteger.valueOf(root ? PAGE : ALL))));
            if (root && after != null) args.add(new Argument("after", new StringValue(after)));
        }
        if (selections != null) {
            for (Selection<?> s : field.getSelectionSet().getSelections()) {
                selections.add(rewriteSelection(s, type instanceof GraphQLFieldsContainer c ? c : null));
            }
            if (root) {
                selections.add(Field.newField("pageInfo").alias(PAGE_INFO).selectionSet(new SelectionSet(List.of(
                        new Field("hasNextPage"), new Field("endCursor")))).build());
            }
        }
        List<Argument> finalArgs = args;
        SelectionSet finalSelections = selections == null ? null : new SelectionSet(selections);
        return field.transform(b -> b.arguments(finalArgs).selectionSet(finalSelections));
    }

    private Selection<?> rewriteSelection(Selection<?> s, GraphQLFieldsContainer parent) {
        if (s instanceof Field f) return rewrite(f, parent, false, null);
        if (s instanceof InlineFragment i) {
            GraphQLFieldsContainer on = i.getTypeCondition() == null ? parent
                    : (GraphQLFieldsContainer) schema.getType(i.getTypeCondition().getName());
            List<Selection> inner = new ArrayList<>();
            for (Selection<?> x : i.getSelectionSet().getSelections()) inner.add(rewriteSelection(x, on));
            return i.transform(b -> b.selectionSet(new SelectionSet(inner)));
        }
        return s; // fragment spreads: their definitions are printed as they are (connections in fragments keep their args)
    }

    private static String resultKey(Field f) {
        return f.getAlias() != null ? f.getAlias() : f.getName();
    }

    private static boolean accessDenied(GraphQLError e) {
        return e.getExtensions() != null && "ACCESS_DENIED".equals(e.getExtensions().get("code"));
    }
}

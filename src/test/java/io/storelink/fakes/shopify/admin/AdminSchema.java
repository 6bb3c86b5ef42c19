package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.language.ScalarTypeDefinition;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Shopify's real Admin API schema (2026-07 introspection result), made executable once per JVM: building it
 * from 3,535 types takes seconds, far too long to repeat per test or per fake.
 */
public final class AdminSchema {

    /** A file to read instead (e.g. another API version's introspection result). */
    public static final String FILE_PROPERTY = "storelink.shopify.introspection";
    /** Looked for on the test classpath first, so a copy in src/test/resources makes the tests self-contained. */
    static final String RESOURCE = "/shopify/admin-graphql-2026-07.introspection.json.gz";
    /** Where the reference docs keep it on the team's machines. */
    static final Path SHARED_FILE = Path.of("/work/shared/reference/shopify-admin-graphql-2026-07.introspection.json.gz");

    private final GraphQLSchema schema;
    private final GraphQL graphQL;
    private final long buildMillis;

    private AdminSchema() {
        long start = System.nanoTime();
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(introspection());
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new MapWiring());
        for (ScalarTypeDefinition s : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(s.getName())) {
                wiring.scalar(PassThroughScalars.scalar(s.getName(), s.getDescription() == null ? null : s.getDescription().getContent()));
            }
        }
        schema = new SchemaGenerator().makeExecutableSchema(
                SchemaGenerator.Options.defaultOptions().captureAstDefinitions(false), registry, wiring.build());
        graphQL = GraphQL.newGraphQL(schema).preparsedDocumentProvider(AdminSchema::validatedDocument).build();
        buildMillis = (System.nanoTime() - start) / 1_000_000;
    }

    private static final class Holder { // lazy and thread-safe by the JVM's class initialisation
        static final AdminSchema INSTANCE = new AdminSchema();
    }

    static AdminSchema get() {
        return Holder.INSTANCE;
    }

    /** The executable schema (built on first use). */
    public static GraphQLSchema schema() {
        return get().schema;
    }

    static GraphQL graphQL() {
        return get().graphQL;
    }

    /** How long reading the introspection result and building the executable schema took. */
    public static long buildMillis() {
        return get().buildMillis;
    }

    /** The endpoint parses and validates before costing a query; execution reuses that document instead of redoing it. */
    private static CompletableFuture<PreparsedDocumentEntry> validatedDocument(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Document validated = input.getGraphQLContext().get(Document.class);
        return CompletableFuture.completedFuture(validated != null ? new PreparsedDocumentEntry(validated) : parseAndValidate.apply(input));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> introspection() {
        try (InputStream in = new GZIPInputStream(open(), 1 << 16)) {
            Map<String, Object> root = new ObjectMapper().readValue(in, Map.class);
            return (Map<String, Object>) root.getOrDefault("data", root); // {"data":{"__schema":...}} or {"__schema":...}
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Shopify's introspection result", e);
        }
    }

    private static InputStream open() throws IOException {
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) return Files.newInputStream(Path.of(file));
        InputStream bundled = AdminSchema.class.getResourceAsStream(RESOURCE);
        return bundled != null ? bundled : Files.newInputStream(SHARED_FILE);
    }
}

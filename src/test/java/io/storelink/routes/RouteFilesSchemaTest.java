package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file validates against the JSON schema of Camel's YAML DSL, shipped in the camel-yaml-dsl jar that
 * runs them: editors built on it (Kaoto, VS Code's Camel extension) then open the files without errors. Camel itself
 * is lenient (it converts "{{placeholder}}" strings to numbers and booleans at start-up); the schema is not, which
 * is why typed options in the routes hold literals and placeholders stay in string-typed options.
 */
class RouteFilesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> routes = files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(routes).as("route files in routes/").isNotEmpty();
            return routes;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void validatesAgainstCamelsYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> errors = schema.validate(routes);
        assertThat(errors.stream().map(ValidationMessage::getMessage).sorted())
                .as("%s against camelYamlDsl.json", file)
                .isEmpty();
    }
}

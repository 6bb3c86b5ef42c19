package io.storelink.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders them, and what the bridge's code reads, for the
 * tests that hold one against the other. Rendering needs {@code kubectl} (it bundles kustomize).
 */
final class Manifests {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path OVERLAY = ROOT.resolve("k8s/overlays/example");
    static final Path STRIMZI = ROOT.resolve("k8s/strimzi");

    private final List<Map<String, Object>> docs;

    private Manifests(List<Map<String, Object>> docs) {
        this.docs = docs;
    }

    /** {@code kubectl kustomize --load-restrictor LoadRestrictionsNone dir}: the base reads ../../routes. */
    static Manifests render(Path dir) {
        String kubectl = Stream.of(System.getenv("PATH").split(":")).map(p -> Path.of(p, "kubectl"))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError("kubectl is not on the PATH: it renders the kustomizations in k8s/"
                        + " (Debian: apt-get install kubectl, or any kubectl >= 1.27, whose bundled kustomize is v5)"));
        try {
            Process p = new ProcessBuilder(kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone", dir.toString())
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : yaml().loadAll(out)) {
                if (doc != null) {
                    docs.add(map(doc));
                }
            }
            return new Manifests(docs);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Map<String, Object>> all(String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return all(kind).stream().filter(d -> name.equals(get(d, "metadata", "name"))).findFirst();
    }

    Map<String, Object> one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered manifests"));
    }

    /** A ConfigMap by the name it has before kustomize appends the content hash. */
    Map<String, Object> configMap(String generatorName) {
        return all("ConfigMap").stream()
                .filter(d -> String.valueOf(get(d, "metadata", "name")).matches(Pattern.quote(generatorName) + "-[a-z0-9]{10}"))
                .findFirst().orElseThrow(() -> new AssertionError("no generated ConfigMap " + generatorName));
    }

    Map<String, Object> container(String deployment, String name) {
        List<Map<String, Object>> containers = list(get(one("Deployment", deployment), "spec", "template", "spec", "containers"));
        return containers.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in Deployment " + deployment));
    }

    // ---- what the bridge reads ----

    /** The repository's application.yaml, parsed: its first document, the defaults (later ones are profiles). */
    static Map<String, Object> applicationYaml() {
        return map(yaml().loadAll(read(ROOT.resolve("application.yaml"))).iterator().next());
    }

    /** A setting of application.yaml by its dotted path, with a ${VAR:default} placeholder resolved to its default. */
    static String setting(String dottedPath) {
        Object value = applicationYaml();
        for (String key : dottedPath.split("\\.")) {
            value = map(value).get(key);
            Objects.requireNonNull(value, () -> "application.yaml has no " + dottedPath);
        }
        Matcher m = Pattern.compile("\\$\\{[A-Z0-9_]+:(.*)}").matcher(String.valueOf(value));
        return m.matches() ? m.group(1) : String.valueOf(value);
    }

    /**
     * Environment variables the bridge reads: the ${VAR} / ${VAR:default} placeholders of application.yaml and the
     * routes, {{env:VAR}} in the routes, and System.getenv("VAR") in the Java code.
     */
    static Set<String> variablesTheBridgeReads() {
        Set<String> names = new TreeSet<>();
        collect(read(ROOT.resolve("application.yaml")), "\\$\\{([A-Z][A-Z0-9_]*)[:}]", names);
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("src/main/java")), Files.walk(ROOT.resolve("routes")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = read(f);
                collect(text, "System\\.getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)", names);
                collect(text, "\\{\\{env:([A-Z][A-Z0-9_]*)", names);
                collect(text, "\\$\\{([A-Z][A-Z0-9_]*)[:}]", names);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    /** The route files the bridge loads: routes/*.camel.yaml. */
    static List<Path> routeFiles() {
        try (Stream<Path> files = Files.list(ROOT.resolve("routes"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- small YAML helpers ----

    static Object get(Object node, String... path) {
        Object value = node;
        for (String key : path) {
            value = value == null ? null : map(value).get(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node) {
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + f, e);
        }
    }

    private static void collect(String text, String regex, Set<String> into) {
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(50 * 1024 * 1024);
        return new Yaml(options);
    }
}

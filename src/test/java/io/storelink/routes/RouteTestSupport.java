package io.storelink.routes;

import io.storelink.TestSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.AllowanceGovernor;
import io.storelink.salesforce.GovernorSettings;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.salesforce.SalesforceGate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.util.function.ThrowingConsumer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * A plain Camel context (no Spring Boot, no broker) running the real route files of routes/: each test loads the
 * files it needs, advises their endpoints, binds its beans, then starts the context. Placeholders ({{...}}) resolve
 * as in the bridge: from the real application.yaml, Spring's ${...} defaults included, with {@link #testProperties()}
 * on top (e.g. redelivery delays of milliseconds).
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    private StandardEnvironment environment;

    /** Values over application.yaml for this test class. */
    protected Map<String, Object> testProperties() {
        return Map.of();
    }

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        // the context starts only once the test has loaded and advised its routes
        testConfiguration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        StandardEnvironment env = environment();
        context.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
            @Override
            public String getName() {
                return "application.yaml";
            }

            @Override
            public String getProperty(String name) {
                return env.getProperty(name);
            }
        });
        return context;
    }

    /** Loads route files of routes/ (the real ones, as camel.main.routes-include-pattern does). */
    protected void loadRoutes(String... files) throws Exception {
        for (String file : files) {
            PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:routes/" + file));
        }
    }

    /** AdviceWith on a loaded route, without logging the route as XML before and after (slow; the route is in routes/). */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        AdviceWith.adviceWith(context, routeId, false, advice);
    }

    /**
     * The endpoint a loaded route's step sends to, placeholders resolved: what a test replaced with a mock went to
     * the right place. Call before advising the step away.
     */
    protected String endpointUri(String routeId, String stepId) {
        RouteDefinition route = route(routeId);
        return ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), SendDefinition.class).stream()
                .filter(step -> stepId.equals(step.getId()))
                .map(step -> resolve(route, step.getEndpointUri()))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + stepId + " in route " + routeId));
    }

    /** The endpoint a loaded route consumes from, placeholders resolved; call before advising it away. */
    protected String inputUri(String routeId) {
        RouteDefinition route = route(routeId);
        return resolve(route, route.getInput().getEndpointUri());
    }

    /** Placeholders as the route resolves them: a templated route's parameters ({{job}}) first. */
    private String resolve(RouteDefinition route, String text) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Properties parameters = new Properties();
        if (route.getTemplateParameters() != null) {
            parameters.putAll(route.getTemplateParameters());
        }
        properties.setLocalProperties(parameters);
        try {
            return context.resolvePropertyPlaceholders(text);
        } finally {
            properties.setLocalProperties(null);
        }
    }

    private RouteDefinition route(String routeId) {
        RouteDefinition route = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition(routeId);
        if (route == null) {
            throw new AssertionError("no route " + routeId);
        }
        return route;
    }

    /** The writers' dead-letter route as a mock: {@code mock:dead-letter} receives what would be dead-lettered. */
    protected void deadLettersToMock() throws Exception {
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead-letter").to("mock:dead-letter");
            }
        });
    }

    /** What Salesforce reported of the org's API usage, as the gates of {@link #salesforceGate()} see it. */
    protected final SalesforceApiUsage apiUsage = new SalesforceApiUsage(new SimpleMeterRegistry());

    /** The real writer gate on the configured pause settings, its governor reading {@link #apiUsage} (none yet). */
    protected SalesforceGate salesforceGate() {
        AllowanceGovernor governor = new AllowanceGovernor(apiUsage,
                settings("storelink.salesforce.governor", GovernorSettings.class));
        return new SalesforceGate(new SalesforceErrors(), governor,
                TestSettings.mappingCheck(TestSettings.mapping(), TestSettings.orgSchema()), pause("recheck"), pause("login-first-probe"),
                pause("login-max-probe"), pause("limit-probe"));
    }

    /** Pauses the gate as the writer's error handler does after {@code failure}. */
    protected void pause(SalesforceGate gate, Exception failure) {
        Exchange failed = new DefaultExchange(context);
        failed.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        gate.pause(failed);
    }

    private Duration pause(String name) {
        return settings("storelink.salesforce.pause." + name, Duration.class);
    }

    /** A settings record bound from the configuration the way Spring Boot binds it (e.g. ShopifySettings). */
    protected <T> T settings(String prefix, Class<T> type) {
        return Binder.get(environment()).bindOrCreate(prefix, type);
    }

    private StandardEnvironment environment() {
        if (environment == null) {
            try {
                StandardEnvironment env = new StandardEnvironment();
                // the first document only: the second is the kubernetes profile's
                env.getPropertySources().addLast(new YamlPropertySourceLoader()
                        .load("application.yaml", new FileSystemResource("application.yaml")).get(0));
                env.getPropertySources().addFirst(new MapPropertySource("test", testProperties()));
                environment = env;
            } catch (IOException e) {
                throw new IllegalStateException("application.yaml in the project directory", e);
            }
        }
        return environment;
    }
}

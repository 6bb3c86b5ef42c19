package io.storelink.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.config.SalesforceSettings;
import io.storelink.deadletter.FailureClock;
import io.storelink.kafka.CommitOffset;
import io.storelink.leader.PollerLeadership;
import io.storelink.leader.PollerSchedules;
import io.storelink.mapping.MappingSettings;
import io.storelink.privacy.CustomerRecordsQuery;
import io.storelink.privacy.DataExport;
import io.storelink.privacy.ManagedFields;
import io.storelink.privacy.ParsePrivacyRequest;
import io.storelink.privacy.PrivacyAudit;
import io.storelink.privacy.PrivacySettings;
import io.storelink.privacy.Redaction;
import io.storelink.privacy.RedactionOutcome;
import io.storelink.salesforce.CompositeOutcome;
import io.storelink.salesforce.SalesforceErrors;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.ShopifyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * routes/privacy-requests.camel.yaml with its real beans and the salesforce-writer error handling, on Shopify's sample
 * payloads: the Kafka consumers are replaced by direct: endpoints, Salesforce's composite calls by a mock answering
 * with Salesforce's shapes, the audit topic and the dead-letter route by mocks. The poller schedules
 * (routes/poller-schedules.camel.yaml) run with direct: inputs, so the privacy-pollers route has routes to stop.
 */
class PrivacyRequestsRouteTest extends RouteTestSupport {

    private static final Path SAMPLES = Path.of("src/test/resources/shopify/privacy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXPORT_DIR = Path.of("target/privacy-route-test-exports");
    private static final String CONTACT_ID = "003000000000001AAA";
    private static final String ACCOUNT_ID = "001000000000001AAA";
    private static final String OPPORTUNITY_ID = "006000000000001AAA";
    private static final List<String> SCHEDULES =
            List.of("reconciliation-schedule", "inventory-sync-schedule", "shipment-confirmation-schedule");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> commits = new CopyOnWriteArrayList<>();
    private PollerSchedules schedules;
    private MockEndpoint composite;
    private MockEndpoint audit;
    private MockEndpoint deadLetters;

    @Override
    protected Map<String, Object> testProperties() {
        return Map.of("storelink.retry.transient.delay-ms", "1", "storelink.retry.transient.max-delay-ms", "5",
                "storelink.kafka.privacy-pollers-group", "storelink-privacy-pollers-test",
                "storelink.privacy.export-dir", EXPORT_DIR.toString());
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
        MappingSettings mapping = settings("storelink.mapping", MappingSettings.class);
        SalesforceSettings salesforce = settings("storelink.salesforce", SalesforceSettings.class);
        PrivacySettings privacy = settings("storelink.privacy", PrivacySettings.class);
        ManagedFields fields = new ManagedFields(mapping, settings("storelink.mapping.customer", io.storelink.customers.CustomerSettings.class));
        registry.bind("parsePrivacyRequest", new ParsePrivacyRequest(json));
        registry.bind("customerRecordsQuery", new CustomerRecordsQuery(fields, salesforce));
        registry.bind("redaction", new Redaction(fields, privacy, salesforce));
        registry.bind("redactionOutcome", new RedactionOutcome());
        registry.bind("dataExport", new DataExport(json, fields));
        registry.bind("privacyAudit", new PrivacyAudit(json, privacy));
        registry.bind("compositeOutcome", new CompositeOutcome());
        registry.bind("commitOffset", new CommitOffset());
        registry.bind("failureClock", new FailureClock());
        registry.bind("salesforceErrors", new SalesforceErrors());
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
    }

    @BeforeEach
    void startRoutes() throws Exception {
        schedules = new PollerSchedules(context);
        context.getRegistry().bind("pollerSchedules", schedules);
        context.getRegistry().bind("salesforceGate", salesforceGate());
        context.addComponent("salesforce", SalesforceAnswers.standIn());
        loadRoutes("error-handling.camel.yaml", "privacy-requests.camel.yaml", "poller-schedules.camel.yaml");
        assertThat(inputUri("privacy-requests")).startsWith("kafka:shopify.privacy?").contains("groupId=storelink-privacy&");
        assertThat(inputUri("privacy-pollers")).startsWith("kafka:shopify.privacy?").contains("autoOffsetReset=latest");
        assertThat(endpointUri("privacy-requests", "publish-redact-audit")).isEqualTo("kafka:storelink.privacy");
        assertThat(endpointUri("privacy-requests", "publish-data-export")).isEqualTo("kafka:storelink.privacy");
        advise("privacy-requests", route -> {
            route.replaceFromWith("direct:privacy-requests");
            route.mockEndpointsAndSkip("salesforce:*");
            route.weaveById("publish-redact-audit").replace().to("mock:audit");
            route.weaveById("publish-data-export").replace().to("mock:audit");
            route.weaveById("publish-shop-audit").replace().to("mock:audit");
        });
        advise("privacy-pollers", route -> route.replaceFromWith("direct:privacy-pollers"));
        for (String schedule : SCHEDULES) {
            advise(schedule, route -> route.replaceFromWith("direct:" + schedule));
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead-letter").to("mock:dead-letter");
                from("direct:reconciliation").log("reconciliation");
                from("direct:inventory-sync").log("inventory-sync");
                from("direct:shipment-confirmation").log("shipment-confirmation");
            }
        });
        context.start();
        composite = getMockEndpoint("mock:salesforce:composite");
        audit = getMockEndpoint("mock:audit");
        deadLetters = getMockEndpoint("mock:dead-letter");
    }

    @Test
    void redactAnonymisesEveryPersonalFieldInOneReadAndOneWriteAndAuditsWithoutPersonalData() throws Exception {
        answerComposite(customerRecords("John", "Smith", "john@example.com", "555-625-1199",
                "Smith Garage", "190 MacLaren Street", "Shopify Order #1001 (John Smith)", "1 x Widget"), collectionsOk());

        Exchange result = consume("customers/redact", sample("customers__redact.json"));

        assertThat(result.getException()).isNull();
        assertThat(composite.getReceivedCounter()).isEqualTo(2);
        JsonNode read = SalesforceAnswers.asSent(sent(0));
        assertThat(read.path("compositeRequest")).hasSize(3);
        String opportunities = java.net.URLDecoder.decode(read.path("compositeRequest").get(2).path("url").asText(), StandardCharsets.UTF_8);
        assertThat(opportunities).contains("External_Shopify_Order_ID__c IN ('299938','280263','220458')")
                .contains("Contact.External_Shopify_ID__c = '191167'")
                .contains("Account.External_Shopify_Account_ID__c = 'shop_cust_191167'");
        JsonNode write = SalesforceAnswers.asSent(sent(1));
        JsonNode collection = write.path("compositeRequest").get(0);
        assertThat(collection.path("method").asText()).isEqualTo("PATCH");
        assertThat(collection.path("url").asText()).endsWith("/composite/sobjects");
        JsonNode records = collection.path("body").path("records");
        assertThat(records).hasSize(3);
        JsonNode contact = records.get(0);
        assertThat(contact.path("Id").asText()).isEqualTo(CONTACT_ID);
        assertThat(contact.path("LastName").asText()).isEqualTo("Redacted");
        for (String cleared : List.of("FirstName", "Email", "Phone")) {
            assertThat(contact.has(cleared)).as("%s sent as null", cleared).isTrue();
            assertThat(contact.get(cleared).isNull()).as(cleared).isTrue();
        }
        assertThat(records.get(1).path("Name").asText()).isEqualTo("Redacted customer 191167");
        assertThat(records.get(1).get("BillingStreet").isNull()).isTrue();
        assertThat(records.get(2).path("Name").asText()).isEqualTo("Shopify order 299938");
        assertThat(records.get(2).get("Description").isNull()).isTrue();

        String auditRecord = audit.getExchanges().get(0).getMessage().getBody(String.class);
        assertThat(auditRecord).contains("\"customer_id\":\"191167\"", "\"Contact\"", CONTACT_ID, "\"LastName\"", "\"anonymise\"")
                .doesNotContain("John", "Smith", "john@example.com", "555-625-1199", "MacLaren");
        assertThat(commits).containsExactly("committed");
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void aRepeatedRedactWritesNothingAndSucceeds() throws Exception {
        answerComposite(customerRecords(null, "Redacted", null, null, "Redacted customer 191167", null,
                "Shopify order 299938", null));

        Exchange result = consume("customers/redact", sample("customers__redact.json"));

        assertThat(result.getException()).isNull();
        assertThat(composite.getReceivedCounter()).as("the read only").isEqualTo(1);
        assertThat(audit.getExchanges().get(0).getMessage().getBody(String.class)).contains("\"changes\":[]");
        assertThat(commits).containsExactly("committed");
    }

    @Test
    void aRecordSalesforceRefusesDeadLettersTheRequest() throws Exception {
        answerComposite(customerRecords("John", "Smith", "john@example.com", null, "Smith", null, "x", null), """
                {"compositeResponse":[{"body":[{"id":"%s","success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Email required","fields":["Email"]}]}],"httpHeaders":{},"httpStatusCode":200,"referenceId":"redact1"}]}"""
                .formatted(CONTACT_ID));

        consume("customers/redact", sample("customers__redact.json"));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(d -> assertThat(
                d.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(SalesforceException.class));
        assertThat(audit.getReceivedCounter()).isZero();
    }

    @Test
    void dataRequestExportsTheCustomersRecordsOnTheAuditTopicWithoutWriting() throws Exception {
        org.apache.camel.util.FileUtil.removeDir(EXPORT_DIR.toFile()); // no file of an earlier run
        answerComposite(customerRecords("John", "Smith", "john@example.com", "555-625-1199", "Smith Garage",
                "190 MacLaren Street", "Shopify Order #1001 (John Smith)", "1 x Widget"));

        Exchange result = consume("customers/data_request", sample("customers__data_request.json"));

        assertThat(result.getException()).isNull();
        assertThat(composite.getReceivedCounter()).as("the read only").isEqualTo(1);
        JsonNode export = JSON.readTree(audit.getExchanges().get(0).getMessage().getBody(byte[].class));
        assertThat(export.path("type").asText()).isEqualTo("data_request");
        assertThat(export.path("data_request_id").asText()).isEqualTo("9999");
        assertThat(export.path("salesforce").path("Contact").get(0).path("Email").asText()).isEqualTo("john@example.com");
        assertThat(export.path("salesforce").path("Account").get(0).path("BillingStreet").asText()).isEqualTo("190 MacLaren Street");
        assertThat(export.path("salesforce").path("Opportunity")).hasSize(1);
        assertThat(audit.getExchanges().get(0).getMessage().getHeader("storelink-privacy-record")).isEqualTo("data_request");
        assertThat(commits).containsExactly("committed");
        // storelink.privacy.export-dir set: the same document as a file only its owner can read, named by the signed
        // payload's shop_domain (Shopify's sample says "{shop}.myshopify.com")
        Path file;
        try (var files = Files.list(EXPORT_DIR)) {
            file = files.filter(f -> f.getFileName().toString().startsWith("data_request-_shop_.myshopify.com-191167-"))
                    .findFirst().orElseThrow();
        }
        assertThat(JSON.readTree(Files.readAllBytes(file))).isEqualTo(export);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shopRedactIsAuditedWithoutCallingSalesforce() throws Exception {
        Exchange result = consume("shop/redact", sample("shop__redact.json"));

        assertThat(result.getException()).isNull();
        assertThat(composite.getReceivedCounter()).isZero();
        assertThat(audit.getExchanges().get(0).getMessage().getBody(String.class))
                .contains("\"type\":\"shop_redact\"", "\"shop\":\"{shop}.myshopify.com\"");
        assertThat(commits).containsExactly("committed");
    }

    @Test
    void appUninstalledIsAcknowledgedWithoutAuditOrSalesforce() throws Exception {
        consume("app/uninstalled", sample("app__uninstalled.json"));

        assertThat(composite.getReceivedCounter() + audit.getReceivedCounter()).isZero();
        assertThat(commits).containsExactly("committed");
    }

    @Test
    void aRedactWithoutCustomerIdIsPoison() {
        consume("customers/redact", "{\"shop_domain\":\"x.myshopify.com\",\"customer\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.getExchanges()).singleElement().satisfies(d -> assertThat(
                d.getProperty(Exchange.EXCEPTION_CAUGHT)).isInstanceOf(PoisonPayloadException.class));
        assertThat(composite.getReceivedCounter()).isZero();
    }

    @Test
    void shopRedactStopsThePollerSchedulesAndHealthSaysWhy() throws Exception {
        template.send("direct:privacy-pollers", e -> e.getIn().setHeader(ShopifyHeaders.TOPIC, "customers/redact"));
        assertThat(SCHEDULES).allSatisfy(id -> assertThat(context.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Started));

        template.send("direct:privacy-pollers", e -> {
            e.getIn().setHeader(ShopifyHeaders.TOPIC, "shop/redact");
            e.getIn().setHeader(ShopifyHeaders.SHOP_DOMAIN, "johns-apparel.myshopify.com");
        });

        assertThat(SCHEDULES).allSatisfy(id -> {
            assertThat(context.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Stopped);
            assertThat(context.getRoute(id).isAutoStartup()).as("stopped on purpose: not DOWN in the route health check").isFalse();
        });
        assertThat(new PollerLeadership(context, true, schedules).health().getDetails().get("schedules").toString())
                .contains("shop/redact", "johns-apparel.myshopify.com", "reconciliation-schedule");
    }

    // ---- helpers ----

    private Exchange consume(String topic, byte[] body) {
        KafkaManualCommit commit = () -> commits.add("committed");
        return template.send("direct:privacy-requests", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(Map.of(ShopifyHeaders.TOPIC, topic, ShopifyHeaders.SHOP_DOMAIN, "johns-apparel.myshopify.com",
                    ShopifyHeaders.TRIGGERED_AT, "2026-07-01T12:00:00Z", KafkaConstants.TOPIC, "shopify.privacy",
                    KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, 3L, KafkaConstants.MANUAL_COMMIT, commit));
        });
    }

    private static byte[] sample(String file) throws Exception {
        return Files.readAllBytes(SAMPLES.resolve(file));
    }

    private SObjectComposite sent(int call) {
        return composite.getExchanges().get(call).getMessage().getBody(SObjectComposite.class);
    }

    /** The answers of the composite calls in turn: the read, then (if any) the write. */
    private void answerComposite(String... answers) {
        for (int i = 0; i < answers.length; i++) {
            String answer = answers[i];
            composite.whenExchangeReceived(i + 1, e -> e.getMessage().setBody(SalesforceAnswers.composite(answer)));
        }
    }

    private static String collectionsOk() {
        return """
                {"compositeResponse":[{"body":[{"id":"%s","success":true,"errors":[]},{"id":"%s","success":true,"errors":[]},{"id":"%s","success":true,"errors":[]}],"httpHeaders":{},"httpStatusCode":200,"referenceId":"redact1"}]}"""
                .formatted(CONTACT_ID, ACCOUNT_ID, OPPORTUNITY_ID);
    }

    /** The read's answer: three query results as Salesforce sends them inside a composite. */
    private static String customerRecords(String first, String last, String email, String phone, String accountName,
                                          String street, String opportunityName, String description) {
        String contact = """
                {"attributes":{"type":"Contact"},"Id":"%s","External_Shopify_ID__c":"191167","AccountId":"%s","FirstName":%s,"LastName":%s,"Email":%s,"Phone":%s}"""
                .formatted(CONTACT_ID, ACCOUNT_ID, q(first), q(last), q(email), q(phone));
        String account = """
                {"attributes":{"type":"Account"},"Id":"%s","External_Shopify_Account_ID__c":"shop_cust_191167","Name":%s,"BillingStreet":%s,"BillingCity":null,"BillingState":null,"BillingPostalCode":null,"BillingCountry":null}"""
                .formatted(ACCOUNT_ID, q(accountName), q(street));
        String opportunity = """
                {"attributes":{"type":"Opportunity"},"Id":"%s","External_Shopify_Order_ID__c":"299938","AccountId":"%s","ContactId":"%s","Name":%s,"Description":%s,"StageName":"New Order"}"""
                .formatted(OPPORTUNITY_ID, ACCOUNT_ID, CONTACT_ID, q(opportunityName), q(description));
        return """
                {"compositeResponse":[%s,%s,%s]}""".formatted(query(contact, "contact"), query(account, "account"),
                query(opportunity, "opportunities"));
    }

    private static String query(String record, String ref) {
        return """
                {"body":{"totalSize":1,"done":true,"records":[%s]},"httpHeaders":{},"httpStatusCode":200,"referenceId":"%s"}"""
                .formatted(record, ref);
    }

    private static String q(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}

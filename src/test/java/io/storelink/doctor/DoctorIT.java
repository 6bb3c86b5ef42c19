package io.storelink.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.storelink.StorelinkApplication;
import io.storelink.command.Commands;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.salesforce.FieldType;
import io.storelink.fakes.salesforce.Schema;
import io.storelink.fakes.shopify.admin.FakeShopifyAdmin;
import io.storelink.salesforce.login.TestKeys;
import io.storelink.shopify.admin.FakeStoreClients;

/**
 * {@code java -jar storelink.jar doctor} as a user runs it (the command's own start-up, in this JVM), against a real
 * Kafka broker, the Salesforce fake over HTTP and the Shopify fake: a good set-up passes every check with exit 0;
 * each broken one is named with its fix and exit 1.
 */
class DoctorIT {

    static final String CLIENT_ID = "doctor-client";
    static final String CLIENT_SECRET = "doctor-client-secret";
    static final String TOKEN = "shpat_doctor";
    static final String ADDRESS = "https://bridge.example.com/webhooks/shopify";

    static EmbeddedKafkaKraftBroker kafka;
    static FakeSalesforce salesforce;
    static FakeShopifyAdmin shopify;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, "shopify.orders", "shopify.fulfillments", "shopify.orders.dlq");
        kafka.afterPropertiesSet();
        salesforce = FakeSalesforce.start(0).acceptClientCredentials(CLIENT_ID, CLIENT_SECRET)
                .acceptPassword("pw-client", "pw-secret", "integration@example.com", "Correct-HorseTOKEN123");
        salesforce.schema().addField("Account", Schema.Field.of("Legacy_Key__c", FieldType.STRING).asExternalId(false));
        shopify = FakeShopifyAdmin.start(0).accessToken(TOKEN);
        FakeStoreClients.handledTopics().forEach(t -> shopify.subscribeWebhook(t, ADDRESS));
    }

    @AfterAll
    static void stop() {
        shopify.close();
        salesforce.close();
        kafka.destroy();
    }

    record Run(int status, String out) {
        List<String> failed() {
            return out.lines().filter(l -> l.startsWith("✘")).toList();
        }
    }

    /** The doctor with the good settings, some replaced by {@code settings} ("--name=value"). */
    static Run doctor(String... settings) {
        Map<String, String> values = new LinkedHashMap<>(); // a setting given twice would reach Spring as "a,b"
        for (String s : List.of(
                "--storelink.shopify.webhook-secrets=doctor-webhook-secret",
                "--storelink.shopify.store-domain=" + shopify.url(),
                "--storelink.shopify.admin-api-access-token=" + TOKEN,
                "--storelink.shopify.webhook-address=" + ADDRESS,
                "--storelink.salesforce.login-url=" + salesforce.url(),
                "--storelink.salesforce.client-id=" + CLIENT_ID,
                "--storelink.salesforce.client-secret=" + CLIENT_SECRET,
                "--storelink.kafka.bootstrap-servers=" + kafka.getBrokersAsString())) {
            values.put(s.substring(0, s.indexOf('=')), s);
        }
        for (String s : settings) {
            values.put(s.substring(0, s.indexOf('=')), s);
        }
        List<String> args = new ArrayList<>(List.of("doctor"));
        args.addAll(values.values());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Commands.run(StorelinkApplication.class, args.toArray(String[]::new),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodSetUpPassesEveryCheck() {
        Run run = doctor();

        assertThat(run.failed()).as(run.out()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("✔ Shopify token: SHOPIFY_ADMIN_API_ACCESS_TOKEN accepted")
                .contains("✔ Shopify webhooks:")
                .contains("✔ Salesforce login: logged in with the client_credentials flow")
                .contains("✔ Salesforce API version: v64.0 is served")
                .contains("✔ Salesforce API allowance:")
                .contains("✔ Schema mapping:")
                .contains("✔ Kafka brokers: 1 broker(s) answered")
                .contains("✔ Kafka topic shopify.orders: 3 partition(s)")
                .contains("All ");
    }

    @Test
    void aWrongConsumerSecretIsNamed() {
        Run run = doctor("--storelink.salesforce.client-secret=not-the-secret");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.failed()).first().asString().startsWith("✘ Salesforce login: the consumer secret does not match");
        assertThat(run.failed()).element(1).asString().startsWith("✘ Schema mapping: not checked: it needs the Salesforce login above");
        assertThat(run.out()).contains("fix: set SALESFORCE_CLIENT_SECRET").doesNotContain("not-the-secret");
    }

    @Test
    void aPasswordWithoutItsSecurityTokenIsNamed() {
        Run run = doctor("--storelink.salesforce.client-id=pw-client", "--storelink.salesforce.client-secret=pw-secret",
                "--storelink.salesforce.username=integration@example.com", "--storelink.salesforce.password=Correct-Horse");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.failed()).first().asString()
                .startsWith("✘ Salesforce login: the password was sent without a security token");
        assertThat(run.out()).contains("fix: set SALESFORCE_SECURITY_TOKEN").doesNotContain("Correct-Horse");
    }

    @Test
    void clientCredentialsOnTheGenericLoginHostAreNamed() {
        salesforce.playGenericLoginHost(true);
        try {
            Run run = doctor();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.failed()).first().asString()
                    .startsWith("✘ Salesforce login: the client credentials flow was sent to " + salesforce.url());
            assertThat(run.out()).contains("fix: set SALESFORCE_LOGIN_URL to the org's My Domain URL");
        } finally {
            salesforce.playGenericLoginHost(false);
        }
    }

    @Test
    void anIpRestrictionIsNamed() {
        salesforce.restrictLoginIp(true);
        try {
            Run run = doctor();

            assertThat(run.failed()).first().asString()
                    .startsWith("✘ Salesforce login: the org refuses logins from this machine's IP address");
        } finally {
            salesforce.restrictLoginIp(false);
        }
    }

    @Test
    void jwtLogsInAndAUserNotPreAuthorizedIsNamed(@TempDir Path dir) {
        TestKeys keys = new TestKeys();
        salesforce.acceptJwt("jwt-client", keys.pair().getPublic(), "jwt-user@example.com");
        String[] jwt = {"--storelink.salesforce.client-id=jwt-client", "--storelink.salesforce.client-secret=",
                "--storelink.salesforce.jwt.key-file=" + keys.pkcs8Pem(dir)};

        Run good = doctor(concat(jwt, "--storelink.salesforce.username=jwt-user@example.com"));
        Run unapproved = doctor(concat(jwt, "--storelink.salesforce.username=someone-else@example.com"));

        assertThat(good.out()).contains("✔ Salesforce login: logged in with the jwt flow");
        assertThat(good.failed()).as(good.out()).isEmpty();
        assertThat(unapproved.failed()).first().asString()
                .startsWith("✘ Salesforce login: the user has not been pre-authorized for the app");
    }

    @Test
    void anUnreadableKeyFileIsNamed(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("key.pem"), "not a key");

        Run run = doctor("--storelink.salesforce.client-id=jwt-client", "--storelink.salesforce.username=jwt-user@example.com",
                "--storelink.salesforce.jwt.key-file=" + garbage);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.failed()).first().asString().startsWith("✘ Salesforce login:").contains("SALESFORCE_JWT_KEY_FILE");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void schemaProblemsNameTheFieldAndTheFix() {
        Run run = doctor(
                "--storelink.mapping.opportunity.fields.Gift_Message__c=note",      // no such field
                "--storelink.mapping.contact.external-id=Email",                    // not an External ID
                "--storelink.mapping.account.external-id=Legacy_Key__c",            // External ID, not Unique
                "--storelink.mapping.stage-name=Paid Online");                      // not a stage of the org

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("✘ Schema mapping: Opportunity.Gift_Message__c (storelink.mapping.opportunity.fields.Gift_Message__c) does not exist.")
                .contains("fix: create a Text(255) field Gift_Message__c on Opportunity")
                .contains("✘ Schema mapping: Contact.Email (storelink.mapping.contact.external-id) is not an External ID.")
                .contains("✘ Schema external id: Account.Legacy_Key__c is an External ID but not Unique")
                .contains("fix: tick Unique on Account.Legacy_Key__c")
                .contains("✘ Schema stage: \"Paid Online\" (storelink.mapping.stage-name) is not a stage")
                .contains("Closed Won, Closed Lost, New Order");
        assertThat(run.failed()).allMatch(l -> l.startsWith("✘ Schema"));
    }

    @Test
    void missingTopicsAndAnUnreachableBrokerAreNamed() {
        Run missing = doctor("--storelink.kafka.writer-consumers=4", "--storelink.kafka.orders-topic=orders.not.created",
                "--storelink.kafka.dead-letter-topic=dlq.not.created");

        assertThat(missing.out())
                // the embedded broker creates topics on first use with 3 partitions: enough for dead letters only
                .contains("✘ Kafka topic orders.not.created: missing; the broker would create it with 3 partition(s), fewer than the 4")
                .contains("fix: create it: kafka-topics.sh --create --topic orders.not.created --partitions 4")
                .contains("✘ Kafka topic shopify.fulfillments: 3 partition(s); the writers run 4 consumers")
                .contains("✔ Kafka topic dlq.not.created: not created yet; the broker creates it on first use");

        Run down = doctor("--storelink.kafka.bootstrap-servers=127.0.0.1:1");

        assertThat(down.status()).isEqualTo(1);
        assertThat(down.out()).contains("✘ Kafka brokers: 127.0.0.1:1 did not answer within 10 s")
                .contains("fix: check KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void missingSettingsAreAllListed() {
        Run run = doctor("--storelink.shopify.webhook-secrets=", "--storelink.salesforce.client-id=");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("✘ Settings SHOPIFY_WEBHOOK_SECRET: not set")
                .contains("✘ Settings SALESFORCE_CLIENT_ID: not set");
    }
}

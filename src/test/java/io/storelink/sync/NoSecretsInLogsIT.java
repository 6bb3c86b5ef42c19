package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.Fault;
import io.storelink.fakes.shopify.OrderFactory;
import io.storelink.fakes.shopify.WebhookSender;
import io.storelink.salesforce.SalesforceGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * "No secret and no personal data ever reach the logs": known secrets and an order with a known name, e-mail, phone
 * and street go through every path that logs — success, a transient Salesforce fault (retries), a validation fault
 * whose message quotes the customer (dead letter), a refused Salesforce login (pause and recovery), a badly signed
 * webhook, the reconciliation poller (Shopify token, checkpoints), the console credentials (also the admin endpoints') — and none of
 * the values appears anywhere in the process's output.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsIT extends BridgeTestSupport {

    static final String FIRST = "Wilhelmina";
    static final String LAST = "Zwiebelkuchen";
    static final String REJECTED_LAST = "Quarkstrudelhuber";
    static final String EMAIL = "wilhelmina.zwiebel@example.org";
    static final String PHONE = "+49 170 5550123";
    static final String STREET = "Quittenweg 17";

    @Autowired
    SalesforceGate gate;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void faultsOff() {
        SALESFORCE.faults().reset();
        SALESFORCE.faults().clearRejections();
        SALESFORCE.rejectAllLogins(false);
    }

    @Test
    void noSecretAndNoPersonalDataInAnyLogLine(CapturedOutput output) throws Exception {
        awaitWriterIdle();
        // success
        ObjectNode synced = person(orders.nextOrder(), LAST);
        deliver(synced);
        awaitOpportunity(synced);

        // transient faults: retried, then written
        SALESFORCE.faults().failNext(3, Fault.SERVER_UNAVAILABLE);
        ObjectNode retried = person(orders.nextOrder(), LAST);
        deliver(retried);
        awaitOpportunity(retried);
        assertThat(SALESFORCE.faults().injected(Fault.SERVER_UNAVAILABLE)).isPositive();

        // a validation rule whose message quotes the customer, as real ones do: dead letter
        SALESFORCE.faults().rejectWhere("Contact", "LastName", REJECTED_LAST, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Contact " + FIRST + " " + REJECTED_LAST + " <" + EMAIL + ">, " + STREET + ", " + PHONE + " is blocked");
        ObjectNode rejected = person(orders.companyOrder(), REJECTED_LAST); // a customer, so a Contact to reject
        String rejectedWebhook = deliver(rejected);
        String rejectedId = rejected.get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> readAll(DEAD_LETTER_TOPIC).stream()
                .anyMatch(r -> rejectedId.equals(headers(r).get("storelink-shopify-order-id"))));
        SALESFORCE.faults().clearRejections();

        // the login is refused (a wrong client secret): the writer pauses, then resumes once it works
        SALESFORCE.rejectAllLogins(true);
        SALESFORCE.faults().expireSessions();
        ObjectNode paused = person(orders.nextOrder(), LAST);
        deliver(paused);
        await().atMost(Duration.ofSeconds(30)).until(gate::isPaused);
        SALESFORCE.rejectAllLogins(false);
        awaitOpportunity(paused);

        // a webhook signed with a wrong secret, the poller with the Shopify token, the console credentials (also the admin endpoints')
        assertThat(shopifySigningWith("not-the-" + SECRET).send("orders/create", person(orders.nextOrder(), LAST)).statusCode()).isEqualTo(401);
        camel.createProducerTemplate().requestBody("direct:reconciliation", (Object) null);
        get("/actuator/prometheus", consoleAuthorization());
        get("/admin/dead-letters/replay", consoleAuthorization());
        awaitWriterIdle();

        String all = output.getAll();
        assertThat(all).as("the log lines of the paths above were captured")
                .contains("Synced Shopify order", "Dead-lettered order " + rejectedId, "Refused webhook");
        assertThat(all.lines().filter(l -> l.contains("Dead-lettered order " + rejectedId)))
                .as("the dead letter's line names its webhook (the MDC field, text or JSON)").allMatch(l -> l.contains(rejectedWebhook));
        assertThat(all).as("secrets").doesNotContain(SECRET, PREVIOUS_SECRET, CLIENT_SECRET, SHOPIFY_TOKEN, CONSOLE_PASSWORD,
                consoleAuthorization().substring("Basic ".length()));
        assertThat(all).as("personal data").doesNotContain(FIRST, LAST, REJECTED_LAST, EMAIL, PHONE, STREET);
    }

    /** Gives every name, e-mail, phone and street in the order the known values. */
    private static ObjectNode person(ObjectNode order, String lastName) {
        replace(order, lastName);
        return order;
    }

    private static void replace(JsonNode node, String lastName) {
        if (node instanceof ObjectNode o) {
            Map<String, String> known = Map.of("first_name", FIRST, "last_name", lastName, "email", EMAIL,
                    "contact_email", EMAIL, "phone", PHONE, "address1", STREET);
            known.forEach((field, value) -> {
                if (o.hasNonNull(field)) {
                    o.put(field, value);
                }
            });
            if (o.has("first_name") && o.hasNonNull("name")) {
                o.put("name", FIRST + " " + lastName); // an address's full name
            }
        }
        node.forEach(child -> replace(child, lastName));
    }

    /** Delivers until Shopify would get its 200; returns the webhook id. */
    private String deliver(ObjectNode order) throws Exception {
        WebhookSender.Delivery delivery = shopify().prepare("orders/create", OrderFactory.bytes(order));
        deliverAll(List.of(delivery), 1);
        return delivery.webhookId();
    }

    private static void awaitOpportunity(ObjectNode order) {
        String id = order.get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> SALESFORCE.find("Opportunity", "External_Shopify_Order_ID__c", id).isPresent());
    }

    private void get(String path, String authorization) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}

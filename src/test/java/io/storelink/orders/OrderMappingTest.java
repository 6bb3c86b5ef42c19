package io.storelink.orders;

import io.storelink.mapping.Upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.shopify.ParseOrder;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyOrder;
import org.junit.jupiter.api.Test;

class OrderMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final OrderMapping mapping = TestSettings.orderMapping();
    private final ParseOrder parser = new ParseOrder(JSON);

    @Test
    void blueprintExampleMapsToTheBlueprintsRecords() throws IOException {
        OrderUpserts r = map(resource("blueprint-order.json"));

        assertThat(r.account().sObject()).isEqualTo("Account");
        assertThat(r.account().externalIdField()).isEqualTo("External_Shopify_Account_ID__c");
        assertThat(r.account().externalId()).isEqualTo("shop_cust_987654321");
        assertThat(r.account().fields()).containsExactly(
                entry("Name", "Acme Corp"),
                entry("BillingStreet", "123 Main St"),
                entry("BillingCity", "Anytown"),
                entry("BillingState", "NY"),
                entry("BillingPostalCode", "12345"),
                entry("BillingCountry", "United States"));

        Upsert contact = r.contact().orElseThrow();
        assertThat(contact.externalIdField()).isEqualTo("External_Shopify_ID__c");
        assertThat(contact.externalId()).isEqualTo("987654321");
        assertThat(contact.fields()).containsExactly(
                entry("FirstName", "John"),
                entry("LastName", "Doe"),
                entry("Email", "john.doe@example.com"),
                entry("Phone", "+15551234567"));

        Upsert opportunity = r.opportunity();
        assertThat(opportunity.externalIdField()).isEqualTo("External_Shopify_Order_ID__c");
        assertThat(opportunity.externalId()).isEqualTo("123456789");
        assertThat(opportunity.fields())
                .containsEntry("Name", "Shopify Order #1001 (John Doe)")
                .containsEntry("StageName", "New Order")
                .containsEntry("CloseDate", "2023-11-25") // 26 Oct + 30 days, in the order's own offset
                .containsEntry("Amount", new BigDecimal("100.00"))
                .containsEntry("Description", "1 x Product A @ 100.00");
    }

    @Test
    void theAppliedVersionIsWrittenWithSecondsEvenWhenTheyAreZero() throws IOException {
        // OffsetDateTime.toString() would write 2026-11-21T10:15+01:00; Salesforce documents datetimes with seconds
        String order = "{\"id\": 42, \"name\": \"#1042\", \"updated_at\": \"2026-11-21T10:15:00+01:00\"}";
        OrderUpserts r = map(order.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.opportunity().fields()).containsEntry("Shopify_Updated_At__c", "2026-11-21T09:15:00Z"); // same instant
    }

    @Test
    void shopifyFixtureWithoutCompanyUsesThePersonsNameAndMultiLineDescription() throws IOException {
        OrderUpserts r = map(resource("order.json"));

        assertThat(r.account().externalId()).isEqualTo("shop_cust_207119551");
        assertThat(r.account().fields()).containsEntry("Name", "Bob Norman")
                .containsEntry("BillingStreet", "Chestnut Street 92")
                .containsEntry("BillingState", "Kentucky")
                .containsEntry("BillingPostalCode", "40202");
        assertThat(r.contact().orElseThrow().fields()).containsEntry("FirstName", "Bob").containsEntry("LastName", "Norman")
                .containsEntry("Email", "bob.norman@hostmail.com").containsEntry("Phone", "555-625-1199");
        assertThat(r.opportunity().fields())
                .containsEntry("Name", "Shopify Order #1001 (Bob Norman)")
                .containsEntry("Amount", new BigDecimal("409.94"))
                .containsEntry("CloseDate", "2008-02-09");
        assertThat((String) r.opportunity().fields().get("Description")).isEqualTo(String.join("\n",
                "1 x IPod Nano - 8gb - green [IPOD2008GREEN] @ 199.00",
                "1 x IPod Nano - 8gb - red [IPOD2008RED] @ 199.00",
                "1 x IPod Nano - 8gb - black [IPOD2008BLACK] @ 199.00"));
    }

    @Test
    void idsAbove2To53AreKeptExactly() throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(resource("blueprint-order.json"));
        String json = JSON.writeValueAsString(order)
                .replace("123456789", "820982911946154508")
                .replace("987654321", "9007199254740993"); // 2^53 + 1: a double would make it ...992
        OrderUpserts r = map(json.getBytes());

        assertThat(r.opportunity().externalId()).isEqualTo("820982911946154508");
        assertThat(r.contact().orElseThrow().externalId()).isEqualTo("9007199254740993");
        assertThat(r.account().externalId()).isEqualTo("shop_cust_9007199254740993");
    }

    @Test
    void moneyKeepsItsExactDecimalValue() throws IOException {
        String json = new String(resource("blueprint-order.json")).replace("\"total_price\": \"100.00\"",
                "\"total_price\": \"12345678901234.10\"");
        OrderUpserts r = map(json.getBytes());

        assertThat(r.opportunity().fields().get("Amount")).isEqualTo(new BigDecimal("12345678901234.10"));
    }

    @Test
    void guestWithEmailIsKeyedByTheLowerCasedEmailAndNamedFromTheBillingAddress() throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(resource("order.json"));
        order.remove("customer");
        order.put("email", "Bob.Norman@Hostmail.com");

        OrderUpserts r = map(JSON.writeValueAsBytes(order));

        assertThat(r.account().externalId()).isEqualTo("shop_guest_bob.norman@hostmail.com");
        assertThat(r.account().fields()).containsEntry("Name", "Bob Norman").containsEntry("BillingCity", "Louisville");
        Upsert contact = r.contact().orElseThrow();
        assertThat(contact.externalId()).isEqualTo("guest_bob.norman@hostmail.com");
        assertThat(contact.fields()).containsEntry("FirstName", "Bob").containsEntry("LastName", "Norman")
                .containsEntry("Email", "Bob.Norman@Hostmail.com");
        assertThat(r.opportunity().fields()).containsEntry("Name", "Shopify Order #1001 (Bob Norman)");
    }

    @Test
    void guestWithoutEmailGoesToTheSharedGuestAccountWithoutContact() throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(resource("order.json"));
        order.putNull("customer");
        order.put("email", "");
        order.remove("billing_address");
        order.remove("shipping_address");

        OrderUpserts r = map(JSON.writeValueAsBytes(order));

        assertThat(r.account().externalId()).isEqualTo("shop_guest_anonymous");
        assertThat(r.account().fields()).containsExactly(entry("Name", "Shopify guest checkouts"));
        assertThat(r.contact()).isEmpty();
        assertThat(r.opportunity().fields()).containsEntry("Name", "Shopify Order #1001");
    }

    @Test
    void customerWithoutNamesAddressOrEmailStillGetsTheRequiredFields() throws IOException {
        String json = """
                {"id": 5, "order_number": 1002, "created_at": "2026-11-20T23:30:00+01:00", "total_price": "0.00",
                 "customer": {"id": 77, "first_name": null, "last_name": "", "email": null}}
                """;
        OrderUpserts r = map(json.getBytes());

        assertThat(r.account().fields()).containsExactly(entry("Name", "Shopify customer 77"));
        assertThat(r.contact().orElseThrow().fields()).containsExactly(entry("LastName", "Unknown"));
        assertThat(r.opportunity().fields()).containsEntry("Name", "Shopify Order #1002")
                .containsEntry("CloseDate", "2026-12-20").doesNotContainKey("Description");
    }

    @Test
    void aLoneFirstNameBecomesTheRequiredLastName() throws IOException {
        String json = """
                {"id": 6, "order_number": 1003, "created_at": "2026-11-20T10:00:00Z",
                 "customer": {"id": 78, "first_name": "Zoë", "email": "zoe@example.com"}}
                """;
        OrderUpserts r = map(json.getBytes());

        assertThat(r.contact().orElseThrow().fields()).doesNotContainKey("FirstName").containsEntry("LastName", "Zoë");
        assertThat(r.account().fields()).containsEntry("Name", "Zoë");
        assertThat(r.opportunity().fields()).containsEntry("Name", "Shopify Order #1003 (Zoë)");
    }

    @Test
    void namesFallBackToTheBillingAddressAndLongTextIsFittedWithoutSplittingCharacters() throws IOException {
        String longName = "山".repeat(39) + "😀"; // the emoji is a surrogate pair straddling the 40-char limit
        String json = """
                {"id": 7, "order_number": 1004, "created_at": "2026-11-20T10:00:00Z",
                 "customer": {"id": 79, "email": "x@example.com"},
                 "billing_address": {"first_name": "%s", "last_name": "Łukasiewicz", "company": "Müller GmbH"}}
                """.formatted(longName);
        OrderUpserts r = map(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(r.contact().orElseThrow().fields().get("FirstName")).isEqualTo("山".repeat(39));
        assertThat(r.contact().orElseThrow().fields()).containsEntry("LastName", "Łukasiewicz");
        assertThat(r.account().fields()).containsEntry("Name", "Müller GmbH");
    }

    /** The default mapping's records, fitted to the fake org's fields as the writer sends them. */
    private OrderUpserts map(byte[] bytes) {
        ShopifyPayload<ShopifyOrder> order = parser.read(bytes);
        return TestSettings.fitted(mapping.map(order.value(), order.json()));
    }

    static byte[] resource(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/shopify", name));
    }
}

package io.storelink.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.fakes.salesforce.FakeSalesforce;
import io.storelink.fakes.salesforce.Schema;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.orders.OrderMapping;
import io.storelink.orders.OrderUpserts;
import io.storelink.shopify.ParseCustomer;
import io.storelink.shopify.ParseOrder;
import org.junit.jupiter.api.Test;

/** Person account mode: the names Salesforce gives Contact fields there, the records written, the start-up check. */
class PersonAccountsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String RECORD_TYPE = "012000000000001AAA";
    private static final PersonAccountSettings ON = new PersonAccountSettings(true, new PersonAccountSettings.PersonAccount(RECORD_TYPE));

    @Test
    void contactFieldsTakeTheirPersonAccountNames() {
        assertThat(PersonAccountSettings.personField("Email")).isEqualTo("PersonEmail");
        assertThat(PersonAccountSettings.personField("MailingCity")).isEqualTo("PersonMailingCity");
        assertThat(PersonAccountSettings.personField("HasOptedOutOfEmail")).isEqualTo("PersonHasOptedOutOfEmail");
        assertThat(PersonAccountSettings.personField("Phone")).isEqualTo("PersonMobilePhone");
        assertThat(PersonAccountSettings.personField("LastName")).isEqualTo("LastName");
        assertThat(PersonAccountSettings.personField("Shopify_Customer_Updated_At__c")).isEqualTo("Shopify_Customer_Updated_At__pc");
        assertThatThrownBy(() -> new PersonAccountSettings(true, null)).hasMessageContaining("record-type-id is required");
    }

    @Test
    void anOrdersBuyerAndACustomerEventBecomeOnePersonAccountWithoutAContact() throws Exception {
        OrderMapping orders = new OrderMapping(TestSettings.mapping(), ON, TestSettings.camel());
        var order = new ParseOrder(JSON).read(Files.readAllBytes(Path.of("src/test/resources/shopify/order.json")));
        OrderUpserts fromOrder = orders.map(order.value(), order.json());
        assertThat(fromOrder.contact()).isEmpty();
        assertThat(fromOrder.account().externalId()).isEqualTo("shop_cust_" + order.value().customer().id());
        assertThat(fromOrder.account().fields()).doesNotContainKey("Name").containsEntry("RecordTypeId", RECORD_TYPE)
                .containsKeys("LastName", "PersonEmail", "BillingCity");

        CustomerMapping customers = new CustomerMapping(TestSettings.mapping(), TestSettings.customers(), orders, TestSettings.camel());
        var customer = new ParseCustomer(JSON).read(Files.readAllBytes(
                Path.of("src/test/resources/shopify/webhooks-2026-07/customers__create.json")));
        CustomerUpserts fromCustomer = customers.map(customer.value(), customer.json());
        assertThat(fromCustomer.contact()).isEmpty();
        assertThat(fromCustomer.account().orElseThrow().fields()).containsEntry("FirstName", "Bob")
                .containsEntry("PersonEmail", "bob@biller.com").containsEntry("PersonHasOptedOutOfEmail", true)
                .containsEntry("PersonMailingCity", "Ottawa").containsEntry("Description", "This customer loves ice cream")
                .containsKey("Shopify_Customer_Updated_At__pc").containsEntry("RecordTypeId", RECORD_TYPE);
        assertThat(customers.deletionMark(7, Instant.parse("2026-12-01T00:00:00Z")).account().orElseThrow().fields())
                .containsEntry("Shopify_Customer_Deleted__pc", true);
    }

    @Test
    void theStartUpCheckKnowsWhetherTheOrgHasPersonAccounts() throws Exception {
        Schema business = Schema.standard();
        assertThat(TestSettings.mappingCheck(TestSettings.mapping(), ON, TestSettings.orgSchema(business)).recheck())
                .singleElement().asString().contains("this org has no Person Accounts", "IsPersonAccount");

        try (FakeSalesforce org = FakeSalesforce.start(0)) {
            org.enablePersonAccounts();
            assertThat(TestSettings.mappingCheck(TestSettings.mapping(), ON, TestSettings.orgSchema(org.schema())).recheck())
                    .isEmpty();
            assertThat(TestSettings.mappingCheck(TestSettings.mapping(), PersonAccountSettings.off(),
                    TestSettings.orgSchema(org.schema())).recheck()).as("business accounts in such an org").isEmpty();
        }
    }
}

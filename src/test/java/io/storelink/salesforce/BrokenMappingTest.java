package io.storelink.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storelink.TestSettings;
import io.storelink.fakes.salesforce.FieldType;
import io.storelink.fakes.salesforce.Schema;
import io.storelink.mapping.MappingSettings;
import io.storelink.metrics.SalesforceApiUsage;
import io.storelink.salesforce.schema.MappingCheck;
import io.storelink.salesforce.schema.OrgSchema;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The start-up check of the mapping against the org (describe): each kind of problem names object, field and fix;
 * a broken mapping pauses the writers (nothing written, nothing dead-lettered) with health DOWN saying so, and a
 * fix in the org resumes them.
 */
class BrokenMappingTest {

    private static final String TAGS = "Shopify_Tags__c";

    @Test
    void theShippedMappingFitsTheStandardOrg() throws Exception {
        assertThat(check(TestSettings.mapping(), Schema.standard()).ensureChecked()).isEmpty();
    }

    @Test
    void aCustomFieldTheOrgDoesNotHaveIsNamedWithHowToCreateIt() throws Exception {
        List<String> problems = check(withOpportunityField(TAGS, "tags"), Schema.standard())
                .ensureChecked();

        assertThat(problems).singleElement().asString()
                .contains("Opportunity." + TAGS, "storelink.mapping.opportunity.fields." + TAGS, "does not exist")
                .contains("Fix: create a Text(255) field " + TAGS + " on Opportunity");
    }

    @Test
    void aFieldTheIntegrationUserCannotWriteIsNamed() throws Exception {
        Schema org = Schema.standard().addField("Opportunity", Schema.Field.of(TAGS, FieldType.STRING).readOnly());

        assertThat(check(withOpportunityField(TAGS, "tags"), org).ensureChecked())
                .singleElement().asString()
                .contains("Opportunity." + TAGS, "not writable for the integration user", "field-level security");
    }

    @Test
    void anExternalIdThatIsNotMarkedSoIsNamed() throws Exception {
        Schema org = Schema.standard().addField("Contact", Schema.Field.of("External_Shopify_ID__c", FieldType.STRING));

        assertThat(check(TestSettings.mapping(), org).ensureChecked()).singleElement().asString()
                .contains("Contact.External_Shopify_ID__c", "storelink.mapping.contact.external-id",
                        "Fix: mark External_Shopify_ID__c on Contact as External ID");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedBeforeAnyOrderIsRefused() throws Exception {
        // a text value into the currency field: every order would be dead-lettered with JSON_PARSER_ERROR
        List<String> problems = check(withOpportunityField("Amount", "financial_status"), Schema.standard()).ensureChecked();

        assertThat(problems).singleElement().asString()
                .contains("Opportunity.Amount is a currency field", "financial_status", "a number");
    }

    @Test
    void aMissingVersionFieldAndAWrongLookupAreNamed() throws Exception {
        Schema org = Schema.standard().addField("Opportunity", Schema.Field.of("ContactId", FieldType.STRING));
        MappingSettings s = TestSettings.mapping();
        MappingSettings renamed = new MappingSettings(s.stageName(), s.cancelledStageName(), s.closeDateOffsetDays(),
                s.unknownLastName(), s.anonymousAccountName(), s.account(), s.contact(),
                new MappingSettings.OpportunityFields(s.opportunity().object(), s.opportunity().externalId(),
                        "Order_Version__c", s.opportunity().account(), s.opportunity().contact(), s.opportunity().fields()),
                s.fulfillment());

        assertThat(check(renamed, org).ensureChecked()).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).contains("Opportunity.Order_Version__c", "create a Date/Time field"),
                p -> assertThat(p).contains("Opportunity.ContactId", "is not a lookup to Contact"));
    }

    @Test
    void aBrokenMappingPausesTheWritersWithHealthDownUntilTheOrgIsFixed() throws Exception {
        OrgSchema org = TestSettings.orgSchema(Schema.standard());
        SalesforceGate gate = gate(TestSettings.mappingCheck(withOpportunityField(TAGS, "tags"), org));
        SalesforceHealth health = new SalesforceHealth(gate, new SalesforceLogins(new SimpleMeterRegistry()), governor());

        // the writer's first call: no Salesforce write, the records go back to Kafka (not to the dead-letter topic)
        assertThatThrownBy(() -> gate.check(exchange())).isInstanceOf(WriterPausedException.class);
        assertThat(gate.current().reason()).isEqualTo(ErrorClass.MAPPING);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("reason")).asString()
                .contains("does not fit the Salesforce org", "Opportunity." + TAGS, "create a Text(255) field");

        gate.probeSucceeded(exchange()); // the recovery route's probe: checked again, still broken
        assertThat(gate.isPaused()).isTrue();

        // an admin creates the field: the next probe finds the mapping fits and the writers resume
        Schema fixed = Schema.standard().addField("Opportunity", TAGS, FieldType.STRING, false);
        org.put("Opportunity", TestSettings.orgSchema(fixed).fields("Opportunity"));
        gate.probeSucceeded(exchange());
        assertThat(gate.isPaused()).isFalse();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        gate.check(exchange());
    }

    @Test
    void aMissingTotalRefundedFieldIsNamedWithItsType() throws Exception {
        Schema org = Schema.standard().removeField("Opportunity", "Shopify_Total_Refunded__c");

        assertThat(check(TestSettings.mapping(), org).ensureChecked()).singleElement().asString()
                .contains("Opportunity.Shopify_Total_Refunded__c", "storelink.mapping.refund.total-refunded", "does not exist")
                .contains("Fix: create a Currency field Shopify_Total_Refunded__c on Opportunity");
    }

    @Test
    void aTotalRefundedFieldThatIsNotANumberIsNamed() throws Exception {
        Schema org = Schema.standard().addField("Opportunity", "Shopify_Total_Refunded__c", FieldType.STRING, false);

        assertThat(check(TestSettings.mapping(), org).ensureChecked()).singleElement().asString()
                .contains("Opportunity.Shopify_Total_Refunded__c", "is a string field; it needs Currency");
    }

    @Test
    void aTotalRefundedFieldTheIntegrationUserCannotWriteIsNamed() throws Exception {
        Schema org = Schema.standard().addField("Opportunity",
                Schema.Field.of("Shopify_Total_Refunded__c", FieldType.CURRENCY).readOnly());

        assertThat(check(TestSettings.mapping(), org).ensureChecked()).singleElement().asString()
                .contains("Opportunity.Shopify_Total_Refunded__c", "not writable for the integration user");
    }

    static MappingSettings withOpportunityField(String field, String expression) {
        MappingSettings s = TestSettings.mapping();
        Map<String, String> fields = new LinkedHashMap<>(s.opportunity().fields());
        fields.put(field, expression);
        MappingSettings.OpportunityFields o = s.opportunity();
        return new MappingSettings(s.stageName(), s.cancelledStageName(), s.closeDateOffsetDays(), s.unknownLastName(),
                s.anonymousAccountName(), s.account(), s.contact(),
                new MappingSettings.OpportunityFields(o.object(), o.externalId(), o.shopifyUpdatedAt(), o.account(),
                        o.contact(), fields), s.fulfillment());
    }

    private static MappingCheck check(MappingSettings settings, Schema org) {
        return TestSettings.mappingCheck(settings, TestSettings.orgSchema(org));
    }

    private static SalesforceGate gate(MappingCheck check) {
        Duration probe = Duration.ofMillis(1);
        return new SalesforceGate(new SalesforceErrors(), governor(), check, probe, probe, probe, probe);
    }

    private static AllowanceGovernor governor() {
        return new AllowanceGovernor(new SalesforceApiUsage(new SimpleMeterRegistry()),
                new GovernorSettings(0, GovernorSettings.Mode.SLOW, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static DefaultExchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}

package io.storelink.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.springframework.stereotype.Component;

import io.storelink.mapping.MappingSettings;
import io.storelink.orderchanges.OrderChangeSettings;
import io.storelink.salesforce.schema.MappingCheck;
import io.storelink.salesforce.schema.OrgSchema;
import io.storelink.salesforce.schema.SalesforceField;

/**
 * The org's schema against the field mapping: every problem the writers' start-up check finds (each with the field
 * to create and its type), and two that do not stop the writers but break a sync later: an external-ID field that is
 * not Unique (two records with one Shopify id make upserts fail with 300), and a stage name that is not a value of
 * the Opportunity's StageName picklist.
 */
@Component
class SchemaCheck implements DoctorCheck {

    static final String AREA = "Schema";

    private final MappingCheck mapping;
    private final OrgSchema schema;
    private final MappingSettings settings;
    private final OrderChangeSettings changes;
    private final CamelContext camel;

    SchemaCheck(MappingCheck mapping, OrgSchema schema, MappingSettings settings, OrderChangeSettings changes,
            CamelContext camel) {
        this.mapping = mapping;
        this.schema = schema;
        this.settings = settings;
        this.changes = changes;
        this.camel = camel;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<Finding> run() {
        if (!loggedIn()) { // the Salesforce check ran first: describing now would only fail the same way
            return List.of(Finding.failed(AREA, "mapping", "not checked: it needs the Salesforce login above",
                    "fix the Salesforce login, then run the doctor again"));
        }
        List<String> problems;
        try {
            problems = mapping.recheck(); // describes the mapped objects again: the org may have been fixed
        } catch (Exception e) {
            return List.of(Finding.failed(AREA, "mapping", "not checked: Salesforce did not describe the mapped objects ("
                    + e.getClass().getSimpleName() + ")", "fix the Salesforce findings above, then run the doctor again"));
        }
        List<Finding> findings = new ArrayList<>();
        for (String problem : problems) {
            int fix = problem.indexOf(" Fix: ");
            findings.add(fix < 0 ? Finding.failed(AREA, "mapping", problem, "see README \"Mapping a field\"")
                    : Finding.failed(AREA, "mapping", problem.substring(0, fix), problem.substring(fix + 6)));
        }
        unique(findings, settings.account().object(), settings.account().externalId());
        unique(findings, settings.contact().object(), settings.contact().externalId());
        unique(findings, settings.opportunity().object(), settings.opportunity().externalId());
        stages(findings);
        if (findings.isEmpty()) {
            findings.add(Finding.passed(AREA, "mapping", "every mapped field exists, is writable and fits; the external "
                    + "ids are External ID and Unique; the stages exist"));
        }
        return findings;
    }

    private boolean loggedIn() {
        try {
            SalesforceComponent salesforce = camel.getComponent("salesforce", SalesforceComponent.class);
            return salesforce.getSession() != null && salesforce.getSession().getAccessToken() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void unique(List<Finding> findings, String object, String field) {
        SalesforceField f = field(object, field);
        if (f != null && f.externalId() && !f.unique()) {
            findings.add(Finding.failed(AREA, "external id", object + "." + f.name() + " is an External ID but not Unique",
                    "tick Unique on " + object + "." + f.name() + " (Setup > Object Manager > " + object + " > Fields)"));
        }
    }

    private void stages(List<Finding> findings) {
        String object = settings.opportunity().object();
        Map<String, String> fields = settings.opportunity().fields();
        String stageMapping = fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("StageName"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        SalesforceField stage = field(object, "StageName");
        if (stage == null || !stageMapping.contains("variable.stage") || stage.picklistValues().isEmpty()) {
            return; // StageName mapped from the payload, or no picklist to compare with
        }
        check(findings, stage, settings.stageName(), "storelink.mapping.stage-name");
        check(findings, stage, settings.cancelledStageName(), "storelink.mapping.cancelled-stage-name");
        check(findings, stage, changes.opportunity().refundedStageName(), "storelink.mapping.opportunity.refunded-stage-name");
    }

    private static void check(List<Finding> findings, SalesforceField stage, String value, String setting) {
        if (value != null && !value.isBlank() && !stage.picklistValues().contains(value)) {
            findings.add(Finding.failed(AREA, "stage", "\"" + value + "\" (" + setting + ") is not a stage of the "
                    + "org's Opportunity StageName picklist",
                    "add the stage \"" + value + "\" (Setup > Object Manager > Opportunity > Fields > Stage > New), or set "
                            + setting + " to one of: " + String.join(", ", stage.picklistValues())));
        }
    }

    private SalesforceField field(String object, String field) {
        return field == null ? null : schema.fields(object).get(field.toLowerCase(Locale.ROOT));
    }
}

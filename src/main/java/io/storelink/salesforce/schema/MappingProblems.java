package io.storelink.salesforce.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.storelink.customers.CustomerSettings;
import io.storelink.mapping.FieldExpression;
import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.orderchanges.OrderChangeSettings;

/**
 * What is wrong with the configured mapping for this org, each problem naming object, field, the setting and the
 * fix. Checked: every object exists; external ids are External ID fields; every mapped field exists and is writable
 * (createable and updateable for upserts, updateable for the fulfillment update); the lookups point at the right
 * parent; the version fields are Date/Time; and what the mapping gives for a sample Shopify payload fits each field's
 * type (a number into a number field). Pure: describes come in, text goes out.
 */
final class MappingProblems {

    /** One configured object: its settings key, name, fields, sample values, and whether it is also created. */
    record Target(String key, String object, FieldSet fields, Map<String, Object> sample, boolean upsert) {
    }

    private final Function<String, Optional<Map<String, SalesforceField>>> describe;
    private final List<String> problems = new ArrayList<>();

    MappingProblems(Function<String, Optional<Map<String, SalesforceField>>> describe) {
        this.describe = describe;
    }

    List<String> problems() {
        return problems;
    }

    /** The object exists; every mapped field exists, is writable, and its sample value fits. */
    boolean fields(Target t) {
        Optional<Map<String, SalesforceField>> fields = describe.apply(t.object());
        if (fields.isEmpty()) {
            problems.add(t.object() + " (storelink.mapping." + t.key() + ".object) is not an object of this org. "
                    + "Fix: name an existing object, e.g. " + capitalized(t.key()) + ".");
            return false;
        }
        for (Map.Entry<String, FieldExpression> e : t.fields().fields().entrySet()) {
            String setting = "storelink.mapping." + t.key() + ".fields." + e.getKey();
            Object sample = t.sample().get(e.getKey());
            field(t.object(), e.getKey(), setting, t.upsert(), typeFor(sample)).ifPresent(f -> {
                String misfit = sample == null ? null : FieldFit.misfit(sample, f);
                if (misfit != null) {
                    problems.add(t.object() + "." + f.name() + " is a " + f.type() + " field, but " + setting + " ("
                            + e.getValue().text() + ") does not give " + misfit + " for a sample Shopify payload. Fix: "
                            + "map a value that is " + misfit + ", or a field of another type.");
                }
            });
        }
        return true;
    }

    void externalId(String object, String field, String setting) {
        Optional<SalesforceField> f = find(object, field);
        if (f.isEmpty()) {
            problems.add(object + "." + field + " (" + setting + ") does not exist. Fix: create a Text(255) field "
                    + field + " on " + object + ", marked External ID and Unique.");
        } else if (!f.get().externalId()) {
            problems.add(object + "." + field + " (" + setting + ") is not an External ID. Fix: mark " + field + " on "
                    + object + " as External ID (and Unique) in Setup, Object Manager, " + object + ", Fields.");
        }
    }

    /** A field the writer reads back to compare versions: must be a writable Date/Time. */
    void version(String object, String field, String setting, boolean upsert) {
        field(object, field, setting, upsert, "Date/Time").ifPresent(f -> {
            if (!"datetime".equals(f.type())) {
                problems.add(object + "." + field + " (" + setting + ") is a " + f.type() + " field; the version check "
                        + "needs Date/Time. Fix: create a Date/Time field and name it in " + setting + ".");
            }
        });
    }

    /** A field an order change writes by Id (never creates): must exist, be updateable, and be one of {@code types}. */
    void updated(String object, String field, String setting, String kind, List<String> types) {
        if (field == null || field.isBlank()) {
            return;
        }
        field(object, field, setting, false, kind).ifPresent(f -> {
            if (!types.contains(f.type())) {
                problems.add(object + "." + field + " (" + setting + ") is a " + f.type() + " field; it needs " + kind
                        + ". Fix: create a " + kind + " field and name it in " + setting + ".");
            }
        });
    }

    /**
     * Person accounts on (and the org has them: describe shows IsPersonAccount only then): the customer version and
     * deleted flag are the Contact's fields on the person Account ({@code __pc}).
     */
    void personAccounts(String object, CustomerSettings customers) {
        String version = PersonAccountSettings.personField(customers.shopifyUpdatedAt());
        version(object, version, "storelink.mapping.customer.shopify-updated-at (on the person Account: " + version + ")", true);
        if (customers.onDelete() == CustomerSettings.OnDelete.MARK) {
            String deleted = PersonAccountSettings.personField(customers.deletedField());
            updated(object, deleted, "storelink.mapping.customer.deleted-field (on the person Account: " + deleted + ")",
                    "Checkbox", List.of("boolean"));
        }
    }

    /** A lookup linking the record to its parent (written as the parent's external id). */
    void lookup(String object, String field, String parent, String setting) {
        if (field == null || field.isBlank()) {
            return;
        }
        field(object, field, setting, true, "Lookup(" + parent + ")").ifPresent(f -> {
            if (!"reference".equals(f.type()) || f.referenceTo().stream().noneMatch(parent::equalsIgnoreCase)) {
                problems.add(object + "." + field + " (" + setting + ") is not a lookup to " + parent + ". Fix: name "
                        + object + "'s lookup field to " + parent + " in " + setting + ", or \"\" for no link.");
            }
        });
    }

    private Optional<SalesforceField> field(String object, String field, String setting, boolean upsert, String type) {
        Optional<SalesforceField> found = find(object, field);
        if (found.isEmpty()) {
            problems.add(object + "." + field + " (" + setting + ") does not exist. Fix: create a " + type + " field "
                    + field + " on " + object + ", or map another field.");
            return Optional.empty();
        }
        SalesforceField f = found.get();
        if (!f.updateable() || (upsert && !f.createable())) {
            problems.add(object + "." + field + " (" + setting + ") is not writable for the integration user. Fix: give "
                    + "its profile or permission set Edit access to " + object + "." + field
                    + " (field-level security), or map another field.");
            return Optional.empty();
        }
        return found;
    }

    private Optional<SalesforceField> find(String object, String field) {
        return describe.apply(object).map(fields -> fields.get(field.toLowerCase(Locale.ROOT)));
    }

    /** The field type to suggest for a missing field, from what the mapping gives for the sample. */
    private static String typeFor(Object sample) {
        if (sample instanceof BigDecimal || sample instanceof Number) {
            return "Number";
        }
        if (sample instanceof Boolean) {
            return "Checkbox";
        }
        return sample instanceof String s && s.length() > 255 ? "Long Text Area" : "Text(255)";
    }

    private static String capitalized(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** All checks of the order, customer and fulfillment mappings. */
    static List<String> of(MappingSettings s, OrderChangeSettings changes, CustomerSettings customers,
            PersonAccountSettings persons, List<Target> targets,
            Function<String, Optional<Map<String, SalesforceField>>> describe) {
        MappingProblems p = new MappingProblems(describe);
        if (persons.personAccounts() && p.find(s.account().object(), "IsPersonAccount").isEmpty()) {
            p.problems.add("storelink.mapping.person-accounts is true, but this org has no Person Accounts ("
                    + s.account().object() + " has no IsPersonAccount field). Fix: enable Person Accounts in Setup "
                    + "(irreversible in production), or set storelink.mapping.person-accounts: false.");
            return p.problems(); // every person field would be missing too: one problem, the cause
        }
        boolean account = false;
        boolean contact = false;
        boolean opportunity = false;
        for (Target t : targets) {
            boolean exists = p.fields(t);
            switch (t.key()) {
                case "account" -> account = exists;
                case "contact" -> contact = exists;
                case "opportunity" -> opportunity = exists;
                default -> { }
            }
        }
        if (account) {
            p.externalId(s.account().object(), s.account().externalId(), "storelink.mapping.account.external-id");
            if (persons.personAccounts()) {
                p.personAccounts(s.account().object(), customers);
            }
        }
        if (contact) {
            p.externalId(s.contact().object(), s.contact().externalId(), "storelink.mapping.contact.external-id");
            p.lookup(s.contact().object(), s.contact().account(), s.account().object(), "storelink.mapping.contact.account");
            p.version(s.contact().object(), customers.shopifyUpdatedAt(), "storelink.mapping.customer.shopify-updated-at", true);
            if (customers.onDelete() == CustomerSettings.OnDelete.MARK) {
                p.updated(s.contact().object(), customers.deletedField(), "storelink.mapping.customer.deleted-field",
                        "Checkbox", List.of("boolean"));
            }
            if (!customers.smsConsentField().isEmpty()) {
                p.updated(s.contact().object(), customers.smsConsentField(), "storelink.mapping.customer.sms-consent-field",
                        "Checkbox", List.of("boolean"));
            }
        }
        if (opportunity) {
            String o = s.opportunity().object();
            p.externalId(o, s.opportunity().externalId(), "storelink.mapping.opportunity.external-id");
            p.version(o, s.opportunity().shopifyUpdatedAt(), "storelink.mapping.opportunity.shopify-updated-at", true);
            p.version(o, s.fulfillment().updatedAt(), "storelink.mapping.fulfillment.updated-at", false);
            p.lookup(o, s.opportunity().account(), s.account().object(), "storelink.mapping.opportunity.account");
            p.lookup(o, s.opportunity().contact(), s.contact().object(), "storelink.mapping.opportunity.contact");
            p.updated(o, changes.refund().totalRefunded(), "storelink.mapping.refund.total-refunded", "Currency",
                    List.of("currency", "double", "int"));
            if (changes.opportunity().onDelete() == OrderChangeSettings.OnDelete.CLOSE) {
                p.updated(o, changes.opportunity().deletedReason(), "storelink.mapping.opportunity.deleted-reason",
                        "Text Area", List.of("string", "textarea"));
            }
        }
        return p.problems();
    }
}

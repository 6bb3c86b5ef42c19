package io.storelink.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.storelink.customers.CustomerSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.orders.OrderMapping;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The fields Storelink writes, derived from the configured mapping (storelink.mapping) so that a field an integration
 * engineer adds is redacted and exported too: every mapped Contact and Account field is personal (names, e-mail,
 * phone, addresses), and so is every Contact field customer events write (storelink.mapping.customer.fields: the
 * mailing address, the merchant's note) but the consent flags (a Checkbox cannot be blanked, and a yes/no on
 * marketing identifies no one); of the Opportunity, Name and Description carry the buyer's name. External ids,
 * lookups and version fields identify records and stay.
 */
@Component
public class ManagedFields {

    private static final String EMAIL_OPT_OUT = "variable.emailOptOut";
    private static final String SMS_SUBSCRIBED = "variable.smsSubscribed";

    private final MappingSettings mapping;
    private final CustomerSettings customers;
    private final PersonAccountSettings persons;

    public ManagedFields(MappingSettings mapping, CustomerSettings customers) {
        this(mapping, customers, PersonAccountSettings.off());
    }

    @Autowired
    public ManagedFields(MappingSettings mapping, CustomerSettings customers, PersonAccountSettings persons) {
        this.mapping = mapping;
        this.customers = customers;
        this.persons = persons;
    }

    public MappingSettings mapping() {
        return mapping;
    }

    /** The Contact's mapped fields, of orders and of customer events: all personal. */
    public List<String> contactPersonal() {
        return distinct(null, null, null, contactMapped());
    }

    private List<String> contactMapped() {
        List<String> fields = new ArrayList<>(mapped(mapping.contact().fields()));
        customers.fields().forEach((field, value) -> {
            if (value != null && !value.isBlank() && !value.contains(EMAIL_OPT_OUT) && !value.contains(SMS_SUBSCRIBED)) {
                fields.add(field);
            }
        });
        return fields;
    }

    /**
     * The Account's mapped fields: all personal (a company name is the customer's too). A person Account also holds
     * what the Contact's fields write, under their person Account names.
     */
    public List<String> accountPersonal() {
        return distinct(null, null, null, accountMapped());
    }

    private List<String> accountMapped() {
        if (!persons.personAccounts()) {
            return mapped(mapping.account().fields());
        }
        List<String> fields = new ArrayList<>(mapped(OrderMapping.personFields(mapping.account().fields(), mapping.contact().fields())));
        contactMapped().forEach(f -> fields.add(PersonAccountSettings.personField(f)));
        return fields;
    }

    /** The Opportunity's Name and Description, when mapped: "Shopify Order #1001 (First Last)". */
    public List<String> opportunityPersonal() {
        return mapped(mapping.opportunity().fields()).stream()
                .filter(f -> f.equalsIgnoreCase("Name") || f.equalsIgnoreCase("Description")).toList();
    }

    /** What a query reads of a Contact: its ids, lookup and every mapped field. */
    public List<String> contactSelect() {
        return distinct("Id", mapping.contact().externalId(), mapping.contact().account(), contactMapped());
    }

    public List<String> accountSelect() {
        return distinct("Id", mapping.account().externalId(), null, accountMapped());
    }

    /** The Opportunity's ids, lookups, versions, its mapped and the tracking fields: what Storelink manages. */
    public List<String> opportunitySelect() {
        MappingSettings.OpportunityFields o = mapping.opportunity();
        List<String> more = new ArrayList<>(List.of(o.contact(), o.shopifyUpdatedAt(), mapping.fulfillment().updatedAt()));
        more.addAll(mapped(o.fields()));
        more.addAll(mapped(mapping.fulfillment().fields()));
        return distinct("Id", o.externalId(), o.account(), more);
    }

    /** The relationship name of a lookup field in SOQL: AccountId -> Account, Buyer__c -> Buyer__r; null if none. */
    static String relationship(String lookup) {
        if (lookup == null || lookup.isBlank()) {
            return null;
        }
        if (lookup.endsWith("__c")) {
            return lookup.substring(0, lookup.length() - 1) + "r";
        }
        return lookup.endsWith("Id") ? lookup.substring(0, lookup.length() - 2) : null;
    }

    private static List<String> mapped(Map<String, String> fields) {
        return fields.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank()).map(Map.Entry::getKey).toList();
    }

    /** SOQL refuses a field selected twice (names are case-insensitive). */
    private static List<String> distinct(String id, String externalId, String lookup, List<String> rest) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        all.add(id);
        all.add(externalId);
        all.add(lookup);
        all.addAll(rest);
        for (String f : all) {
            if (f != null && !f.isBlank()) {
                out.putIfAbsent(f.toLowerCase(Locale.ROOT), f);
            }
        }
        return List.copyOf(out.values());
    }
}

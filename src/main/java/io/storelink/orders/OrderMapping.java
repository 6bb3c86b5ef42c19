package io.storelink.orders;

import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingInput;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.mapping.Upsert;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.shopify.model.ShopifyOrder;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Shopify order to Salesforce Account, Contact and Opportunity upserts, by the {@code fields} of storelink.mapping
 * (compiled once here). Keys and links are the fixed part: who bought decides the external ids, the Opportunity
 * always carries the order version. Writes only the fields it has a value for: a missing phone never blanks one a
 * salesperson typed in. Values are fitted to the org's fields (types, lengths) when the writer builds its call.
 * With person accounts (storelink.mapping.person-accounts) a customer or guest gets one person Account instead of Account and Contact
 * ({@link PersonAccountSettings}); an anonymous checkout keeps its business Account.
 */
@Component
public class OrderMapping {

    private final MappingSettings settings;
    private final CamelContext camel;
    private final FieldSet account;
    private final FieldSet contact;
    private final FieldSet opportunity;
    private final PersonAccountSettings persons;
    private final FieldSet person;

    /** Business accounts: Account and Contact (tools and tests). */
    public OrderMapping(MappingSettings settings, CamelContext camel) {
        this(settings, PersonAccountSettings.off(), camel);
    }

    @Autowired
    public OrderMapping(MappingSettings settings, PersonAccountSettings persons, CamelContext camel) {
        this.settings = settings;
        this.persons = persons;
        this.camel = camel;
        this.account = new FieldSet(settings.account().object(), "account", settings.account().fields(), camel);
        this.contact = new FieldSet(settings.contact().object(), "contact", settings.contact().fields(), camel);
        this.opportunity = new FieldSet(settings.opportunity().object(), "opportunity", settings.opportunity().fields(), camel);
        this.person = new FieldSet(settings.account().object(), "person-account", personFields(settings.account().fields(),
                settings.contact().fields()), camel);
    }

    /** The person Account's fields: the Account's but Name (computed by Salesforce), and the Contact's, renamed. */
    public static Map<String, String> personFields(Map<String, String> account, Map<String, String> contact) {
        Map<String, String> fields = new LinkedHashMap<>(account);
        fields.keySet().removeIf(f -> f.equalsIgnoreCase("Name"));
        fields.putAll(PersonAccountSettings.personFields(contact));
        return fields;
    }

    public PersonAccountSettings persons() {
        return persons;
    }

    /** The person Account's compiled fields (person accounts on), for the start-up check. */
    public FieldSet personFieldSet() {
        return person;
    }

    public OrderUpserts map(ShopifyOrder order, JsonNode payload) {
        Buyer buyer = Buyer.of(order);
        MappingInput input = new MappingInput(payload, OrderVariables.of(order, buyer, settings), camel);
        if (persons.personAccounts() && buyer.kind() != Buyer.Kind.ANONYMOUS) {
            Map<String, Object> fields = person.values(input);
            fields.put("RecordTypeId", persons.personAccount().recordTypeId());
            return new OrderUpserts(new Upsert(settings.account().object(), settings.account().externalId(),
                    accountKey(buyer), fields), Optional.empty(), opportunity(order, input));
        }
        return new OrderUpserts(account(buyer, input), contact(buyer, input), opportunity(order, input));
    }

    /** The compiled fields by object, for the start-up check. */
    public Map<String, FieldSet> fieldSets() {
        Map<String, FieldSet> sets = new LinkedHashMap<>();
        sets.put("account", account);
        sets.put("contact", contact);
        sets.put("opportunity", opportunity);
        return sets;
    }

    private Upsert account(Buyer buyer, MappingInput input) {
        MappingSettings.AccountFields f = settings.account();
        return new Upsert(f.object(), f.externalId(), accountKey(buyer), account.values(input));
    }

    private String accountKey(Buyer buyer) {
        MappingSettings.AccountFields f = settings.account();
        return switch (buyer.kind()) {
            case CUSTOMER -> f.customerKeyPrefix() + buyer.key();
            case GUEST -> f.guestKeyPrefix() + buyer.key();
            case ANONYMOUS -> f.guestKeyPrefix() + "anonymous";
        };
    }

    private Optional<Upsert> contact(Buyer buyer, MappingInput input) {
        if (buyer.kind() == Buyer.Kind.ANONYMOUS) {
            return Optional.empty();
        }
        MappingSettings.ContactFields f = settings.contact();
        String key = buyer.kind() == Buyer.Kind.CUSTOMER ? buyer.key() : f.guestKeyPrefix() + buyer.key();
        return Optional.of(new Upsert(f.object(), f.externalId(), key, contact.values(input)));
    }

    private Upsert opportunity(ShopifyOrder order, MappingInput input) {
        MappingSettings.OpportunityFields f = settings.opportunity();
        Map<String, Object> fields = opportunity.values(input);
        Object version = input.variables().get("updatedAt");
        if (version != null) {
            fields.put(f.shopifyUpdatedAt(), version); // the version check reads it back: never left to configuration
        }
        return new Upsert(f.object(), f.externalId(), Long.toString(order.id()), fields);
    }
}

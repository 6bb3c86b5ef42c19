package io.storelink.customers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.mapping.FieldSet;
import io.storelink.mapping.MappingInput;
import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.PersonAccountSettings;
import io.storelink.mapping.SalesforceText;
import io.storelink.mapping.Upsert;
import io.storelink.orders.OrderMapping;
import io.storelink.shopify.model.ShopifyCustomer;
import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * A customer event to its Salesforce records. customers/create and update: the Account ({@code <customer-key-prefix><id>})
 * and Contact (the customer id) of the order mapping, with its account and contact {@code fields} read from the
 * customer, plus storelink.mapping.customer.fields and the customer version. customers/delete in mark mode:
 * only the Contact's deleted flag and version (the writer sends it only when the Contact exists). With person
 * accounts all of it lands on the customer's person Account, the Contact fields under their person Account names.
 */
@Component
public class CustomerMapping {

    private final MappingSettings mapping;
    private final CustomerSettings settings;
    private final PersonAccountSettings persons;
    private final CamelContext camel;
    private final FieldSet account;
    private final FieldSet contact;
    private final FieldSet customerOnly;
    private final FieldSet person;      // the customer-only fields, renamed for a person Account
    private final FieldSet personOf;    // the person Account's fields an order writes too

    public CustomerMapping(MappingSettings mapping, CustomerSettings settings, OrderMapping orders, CamelContext camel) {
        this.mapping = mapping;
        this.settings = settings;
        this.persons = orders.persons();
        this.camel = camel;
        this.account = orders.fieldSets().get("account");
        this.contact = orders.fieldSets().get("contact");
        this.customerOnly = new FieldSet(mapping.contact().object(), "customer", settings.fields(), camel);
        this.person = new FieldSet(mapping.account().object(), "customer", PersonAccountSettings.personFields(settings.fields()), camel);
        this.personOf = orders.personFieldSet();
    }

    public CustomerUpserts map(ShopifyCustomer customer, JsonNode payload) {
        MappingInput input = new MappingInput(payload, CustomerVariables.of(customer, mapping), camel);
        String id = Long.toString(customer.id());
        Map<String, Object> own = customerOnly.values(input);
        if (!settings.smsConsentField().isEmpty()) {
            own.put(settings.smsConsentField(), input.variables().get("smsSubscribed"));
        }
        Object version = input.variables().get("updatedAt");
        if (version != null) {
            own.put(settings.shopifyUpdatedAt(), version); // the version check reads it back: never left to configuration
        }
        if (persons.personAccounts()) {
            Map<String, Object> fields = personOf.values(input);
            own.forEach((field, value) -> fields.put(PersonAccountSettings.personField(field), value));
            fields.put("RecordTypeId", persons.personAccount().recordTypeId());
            return new CustomerUpserts(Optional.of(account(id, fields)), Optional.empty());
        }
        Map<String, Object> fields = contact.values(input);
        fields.putAll(own);
        return new CustomerUpserts(Optional.of(account(id, account.values(input))), Optional.of(contact(id, fields)));
    }

    /**
     * customers/delete in mark mode: the flag and the deletion's time as the version (an older update then loses), on
     * the Contact, or on the person Account.
     */
    public CustomerUpserts deletionMark(long customerId, Instant deletedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(settings.deletedField(), true);
        if (deletedAt != null) {
            fields.put(settings.shopifyUpdatedAt(), SalesforceText.dateTime(deletedAt.atOffset(java.time.ZoneOffset.UTC)));
        }
        String id = Long.toString(customerId);
        if (persons.personAccounts()) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            fields.forEach((field, value) -> renamed.put(PersonAccountSettings.personField(field), value));
            return new CustomerUpserts(Optional.of(account(id, renamed)), Optional.empty());
        }
        return new CustomerUpserts(Optional.empty(), Optional.of(contact(id, fields)));
    }

    /** The customer-only Contact fields, for the start-up check. */
    public FieldSet fields() {
        return customerOnly;
    }

    /** The customer-only fields on the person Account (person accounts on), for the start-up check. */
    public FieldSet personFields() {
        return person;
    }

    private Upsert account(String id, Map<String, Object> fields) {
        return new Upsert(mapping.account().object(), mapping.account().externalId(), mapping.account().customerKeyPrefix() + id, fields);
    }

    private Upsert contact(String id, Map<String, Object> fields) {
        return new Upsert(mapping.contact().object(), mapping.contact().externalId(), id, fields);
    }
}

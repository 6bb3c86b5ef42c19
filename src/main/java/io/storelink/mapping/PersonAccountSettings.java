package io.storelink.mapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Person Accounts (storelink.mapping.person-accounts, off by default): orgs that use them get one person Account per
 * customer (and per guest with an email) instead of an Account and a Contact, and Opportunities point at it. The
 * person Account's fields are the Account's {@code fields} but {@code Name} (Salesforce computes it from the names and
 * refuses it), plus the Contact's fields (of orders and of customer events) under the names Salesforce gives them on
 * a person Account ({@link #personField}), so one mapping serves both kinds of org.
 *
 * @param personAccounts whether customers become person Accounts
 * @param personAccount  the person account record type to create them with (Salesforce needs its Id)
 */
@ConfigurationProperties("storelink.mapping")
public record PersonAccountSettings(boolean personAccounts, PersonAccount personAccount) {

    /** Contact fields that keep their name on a person Account (Object Reference, Account: person account fields). */
    private static final Set<String> SAME_NAME = Set.of("firstname", "lastname", "middlename", "suffix", "salutation");

    /** @param recordTypeId Id of an Account record type with IsPersonType = true (required with person-accounts) */
    public record PersonAccount(String recordTypeId) {

        public PersonAccount {
            recordTypeId = recordTypeId == null ? "" : recordTypeId.trim();
        }
    }

    public PersonAccountSettings {
        personAccount = personAccount == null ? new PersonAccount("") : personAccount;
        if (personAccounts && personAccount.recordTypeId().isEmpty()) {
            throw new IllegalArgumentException("storelink.mapping.person-account.record-type-id is required with "
                    + "person-accounts: true (SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true)");
        }
    }

    public static PersonAccountSettings off() {
        return new PersonAccountSettings(false, null);
    }

    /**
     * A Contact field's name on a person Account, by Salesforce's rule: custom {@code X__c} becomes {@code X__pc}, the
     * names stay, {@code Phone} is the person's mobile ({@code PersonMobilePhone}: a shop customer's phone is the one
     * SMS reaches), any other standard field gets the {@code Person} prefix ({@code Email} -> {@code PersonEmail},
     * {@code MailingCity} -> {@code PersonMailingCity}, {@code HasOptedOutOfEmail} -> {@code PersonHasOptedOutOfEmail}).
     * {@code Description} is the Account's own (a person Account has no PersonDescription).
     */
    public static String personField(String contactField) {
        String f = contactField.trim();
        String lower = f.toLowerCase(Locale.ROOT);
        if (lower.endsWith("__c")) {
            return f.substring(0, f.length() - 3) + "__pc";
        }
        if (SAME_NAME.contains(lower) || lower.equals("description")) {
            return f;
        }
        if (lower.equals("phone")) {
            return "PersonMobilePhone";
        }
        return "Person" + f;
    }

    /** Contact {@code fields} renamed for the person Account. */
    public static Map<String, String> personFields(Map<String, String> contactFields) {
        Map<String, String> out = new LinkedHashMap<>();
        contactFields.forEach((field, value) -> out.put(personField(field), value));
        return out;
    }
}

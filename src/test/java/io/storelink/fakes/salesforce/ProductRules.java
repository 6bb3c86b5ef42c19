package io.storelink.fakes.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Salesforce's rules for products on Opportunities (Object Reference: PricebookEntry, OpportunityLineItem,
 * Opportunity; /work/shared/reference/events-and-history.md section D), checked when a record is written:
 * <ul>
 * <li>a custom price book entry needs the product's standard entry first: STANDARD_PRICE_NOT_DEFINED; one entry per
 * price book, product and currency: DUPLICATE_VALUE;</li>
 * <li>a line's PricebookEntry must be active and in the Opportunity's price book, which Salesforce sets from the
 * entry when the Opportunity has none; in a multi-currency org the entry's currency must be the Opportunity's, and
 * the line takes the Opportunity's currency (it cannot be written);</li>
 * <li>an Opportunity with lines keeps its price book and currency;</li>
 * <li>a multi-currency org takes only its currencies in CurrencyIsoCode (a restricted picklist).</li>
 * </ul>
 * Error codes are Salesforce's StatusCodes; the message texts are UNCONFIRMED paraphrases (the documentation names the
 * codes, not every message).
 */
final class ProductRules {

    static final String CURRENCY = "CurrencyIsoCode";

    private final SalesforceStore store;
    private volatile List<String> currencies = List.of();   // empty: a single-currency org

    ProductRules(SalesforceStore store) {
        this.store = store;
    }

    void currencies(List<String> isoCodes) {
        currencies = List.copyOf(isoCodes);
    }

    boolean multiCurrency() {
        return !currencies.isEmpty();
    }

    /** Checks the record as it would be after the write; may set what Salesforce derives. Callers hold the lock. */
    void check(String sObject, String id, Map<String, Object> merged, Map<String, Object> changes, boolean create) {
        if (multiCurrency() && changes.get(CURRENCY) != null && !currencies.contains(changes.get(CURRENCY).toString())) {
            // UNCONFIRMED text; the code is the restricted picklist's (CurrencyIsoCode is one of the org's currencies)
            throw SfError.badRequest("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "Currency ISO Code: bad value for restricted picklist field: " + changes.get(CURRENCY), CURRENCY);
        }
        switch (sObject) {
            case "PricebookEntry" -> {
                if (create) {
                    entry(merged);
                }
            }
            case "OpportunityLineItem" -> {
                if (create) {
                    line(merged, changes);
                }
            }
            case "Opportunity" -> {
                if (!create) {
                    opportunity(id, changes);
                }
            }
            default -> { }
        }
    }

    /** Deleting an Opportunity deletes its lines (master-detail). */
    void deleting(String sObject, String id) {
        if ("Opportunity".equals(sObject)) {
            for (Map<String, Object> line : store.findBy("OpportunityLineItem", "OpportunityId", id, false)) {
                store.delete("OpportunityLineItem", (String) line.get("Id"));
            }
        }
    }

    private void entry(Map<String, Object> entry) {
        Object book = entry.get("Pricebook2Id");
        Object product = entry.get("Product2Id");
        Object currency = entry.get(CURRENCY);
        boolean standard = Boolean.TRUE.equals(store.get("Pricebook2", (String) book).orElseThrow().get("IsStandard"));
        List<Map<String, Object>> entries = store.findBy("PricebookEntry", "Product2Id", product, false);
        if (entries.stream().anyMatch(e -> book.equals(e.get("Pricebook2Id")) && Objects.equals(currency, e.get(CURRENCY)))) {
            throw SfError.badRequest("DUPLICATE_VALUE", "This price definition already exists in this price book");
        }
        if (!standard && entries.stream().noneMatch(e -> isStandard(e.get("Pricebook2Id")) && Objects.equals(currency, e.get(CURRENCY)))) {
            throw SfError.badRequest("STANDARD_PRICE_NOT_DEFINED", "No standard price defined for this product");
        }
    }

    private void line(Map<String, Object> line, Map<String, Object> changes) {
        Map<String, Object> entry = store.get("PricebookEntry", (String) line.get("PricebookEntryId")).orElseThrow();
        String oppId = (String) line.get("OpportunityId");
        Map<String, Object> opp = store.get("Opportunity", oppId).orElseThrow();
        if (!Boolean.TRUE.equals(entry.get("IsActive"))) {
            throw integrity("PricebookEntryId (inactive price book entry)");
        }
        Object book = opp.get("Pricebook2Id");
        if (book == null) {
            store.update("Opportunity", oppId, Map.of("Pricebook2Id", entry.get("Pricebook2Id"))); // as Salesforce does
        } else if (!book.equals(entry.get("Pricebook2Id"))) {
            throw integrity("PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity)");
        }
        if (multiCurrency() && !Objects.equals(entry.get(CURRENCY), opp.get(CURRENCY))) {
            throw integrity("PricebookEntryId (pricebook entry currency code does not match opportunity currency code)");
        }
        changes.put("Product2Id", entry.get("Product2Id"));
        Optional.ofNullable(opp.get(CURRENCY)).ifPresent(c -> changes.put(CURRENCY, c));
    }

    private void opportunity(String id, Map<String, Object> changes) {
        Map<String, Object> before = store.get("Opportunity", id).orElseThrow();
        boolean hasLines = !store.findBy("OpportunityLineItem", "OpportunityId", id, false).isEmpty();
        for (String field : List.of("Pricebook2Id", CURRENCY)) {
            if (hasLines && changes.containsKey(field) && !Objects.equals(changes.get(field), before.get(field))) {
                throw integrity(field + " (cannot change " + field + " on an opportunity with line items)");
            }
        }
    }

    private boolean isStandard(Object book) {
        return book != null && store.get("Pricebook2", book.toString()).map(b -> Boolean.TRUE.equals(b.get("IsStandard"))).orElse(false);
    }

    private static SfError integrity(String detail) {
        return SfError.badRequest("FIELD_INTEGRITY_EXCEPTION", "field integrity exception: " + detail);
    }
}

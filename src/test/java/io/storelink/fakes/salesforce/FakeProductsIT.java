package io.storelink.fakes.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.fakes.salesforce.SalesforceHttp.Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's products on Opportunities over HTTP, as Salesforce's Object Reference describes them: standard price
 * first, the Opportunity's price book, create-only lookups, lines following their Opportunity, and currencies.
 */
class FakeProductsIT {

    private static final String V = "/services/data/v64.0";

    private FakeSalesforce fake;
    private SalesforceHttp http;
    private String standard;

    @BeforeEach
    void start() {
        fake = FakeSalesforce.start(0).acceptClientCredentials("cid", "secret");
        http = new SalesforceHttp(fake.url()).login("cid", "secret");
        standard = fake.standardPriceBookId();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyOrgHasAStandardPriceBookEvenAfterClear() {
        JsonNode books = http.get(V + "/query?q=" + SalesforceHttp.enc("SELECT Id FROM Pricebook2 WHERE IsStandard = true")).json();
        assertThat(books.get("totalSize").asInt()).isEqualTo(1);
        fake.clear();
        assertThat(fake.find("Pricebook2", "IsStandard", true)).isPresent();
    }

    @Test
    void aCustomPriceNeedsTheStandardPriceFirstAndOneEntryPerBookAndProduct() {
        String product = create("Product2", Map.of("Name", "Tea"));
        String wholesale = create("Pricebook2", Map.of("Name", "Wholesale", "IsActive", true));

        assertError(post("PricebookEntry", entry(wholesale, product, "k1")), "STANDARD_PRICE_NOT_DEFINED");
        create("PricebookEntry", entry(standard, product, "k2"));
        create("PricebookEntry", entry(wholesale, product, "k1"));
        assertError(post("PricebookEntry", entry(standard, product, "k3")), "DUPLICATE_VALUE");
    }

    @Test
    void aLineNeedsAnActiveEntryOfTheOpportunitysPriceBookAndKeepsItsLookups() {
        String product = create("Product2", Map.of("Name", "Tea"));
        String entry = create("PricebookEntry", entry(standard, product, "k1"));
        String opportunity = create("Opportunity", Map.of("Name", "O", "StageName", "New Order", "CloseDate", "2026-12-31"));

        assertError(post("OpportunityLineItem", Map.of("OpportunityId", opportunity, "Quantity", 1)), "REQUIRED_FIELD_MISSING");
        String line = create("OpportunityLineItem", Map.of("OpportunityId", opportunity, "PricebookEntryId", entry,
                "Quantity", 2, "UnitPrice", 9.5, "External_Shopify_Line_Item_ID__c", "l1"));
        assertThat(fake.find("Opportunity", "Id", opportunity).orElseThrow()).as("set from the entry, as Salesforce does")
                .containsEntry("Pricebook2Id", standard);
        assertThat(fake.find("OpportunityLineItem", "Id", line).orElseThrow()).containsEntry("Product2Id", product);

        Res relink = http.call("PATCH", V + "/sobjects/OpportunityLineItem/External_Shopify_Line_Item_ID__c/l1",
                Map.of("Quantity", 3, "Opportunity", Map.of("Id", opportunity)));
        assertError(relink, "INVALID_FIELD_FOR_INSERT_UPDATE");

        String wholesale = create("Pricebook2", Map.of("Name", "Wholesale", "IsActive", true));
        assertError(http.call("PATCH", V + "/sobjects/Opportunity/" + opportunity, Map.of("Pricebook2Id", wholesale)),
                "FIELD_INTEGRITY_EXCEPTION");
        String other = create("PricebookEntry", entry(wholesale, product, "k2"));
        assertError(post("OpportunityLineItem", Map.of("OpportunityId", opportunity, "PricebookEntryId", other, "Quantity", 1)),
                "FIELD_INTEGRITY_EXCEPTION");

        assertThat(http.call("DELETE", V + "/sobjects/Opportunity/" + opportunity, null).status()).isEqualTo(204);
        assertThat(fake.count("OpportunityLineItem")).as("lines go with their Opportunity").isZero();
    }

    @Test
    void aMultiCurrencyOrgTakesOnlyItsCurrenciesAndLinesTakeTheirOpportunitysCurrency() {
        fake.multiCurrency("USD", "EUR");
        JsonNode currency = field(http.get(V + "/sobjects/Opportunity/describe").json(), "CurrencyIsoCode");
        assertThat(currency.get("type").asText()).isEqualTo("picklist");
        assertThat(currency.get("picklistValues").findValuesAsText("value")).containsExactly("USD", "EUR");

        assertError(post("Opportunity", Map.of("Name", "O", "StageName", "New Order", "CloseDate", "2026-12-31",
                "CurrencyIsoCode", "JPY")), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        String product = create("Product2", Map.of("Name", "Tea"));
        Map<String, Object> usd = new LinkedHashMap<>(entry(standard, product, "k-usd"));
        usd.put("CurrencyIsoCode", "USD");
        String dollars = create("PricebookEntry", usd);
        String opportunity = create("Opportunity", Map.of("Name", "O", "StageName", "New Order", "CloseDate", "2026-12-31",
                "CurrencyIsoCode", "EUR", "Pricebook2Id", standard));
        assertError(post("OpportunityLineItem", Map.of("OpportunityId", opportunity, "PricebookEntryId", dollars, "Quantity", 1)),
                "FIELD_INTEGRITY_EXCEPTION");

        Map<String, Object> eur = new LinkedHashMap<>(entry(standard, product, "k-eur"));
        eur.put("CurrencyIsoCode", "EUR");
        String euros = create("PricebookEntry", eur);
        String line = create("OpportunityLineItem", Map.of("OpportunityId", opportunity, "PricebookEntryId", euros, "Quantity", 1));
        assertThat(fake.find("OpportunityLineItem", "Id", line).orElseThrow()).containsEntry("CurrencyIsoCode", "EUR");

        fake.multiCurrency();
        assertThat(fake.schema().object("Opportunity").orElseThrow().field("CurrencyIsoCode")).isEmpty();
    }

    private static Map<String, Object> entry(String book, String product, String key) {
        return Map.of("Pricebook2Id", book, "Product2Id", product, "UnitPrice", 10, "IsActive", true,
                "External_Shopify_Price_Key__c", key);
    }

    private Res post(String object, Map<String, Object> body) {
        return http.call("POST", V + "/sobjects/" + object, body);
    }

    private String create(String object, Map<String, Object> body) {
        Res r = post(object, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode f : describe.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static void assertError(Res r, String errorCode) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get(0).get("errorCode").asText()).as(r.text()).isEqualTo(errorCode);
    }
}

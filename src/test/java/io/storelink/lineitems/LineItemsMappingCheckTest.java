package io.storelink.lineitems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.storelink.TestSettings;
import io.storelink.fakes.salesforce.Schema;
import org.junit.jupiter.api.Test;

/** The start-up mapping check with line items on: their objects, external ids, fields, and the price book. */
class LineItemsMappingCheckTest {

    @Test
    void theShippedLineItemsMappingFitsTheStandardOrg() throws Exception {
        assertThat(check(Schema.standard(), List.of())).isEmpty();
    }

    @Test
    void aMissingExternalIdAndAMissingPriceBookAreNamedWithTheirFix() throws Exception {
        Schema org = Schema.standard().removeField("OpportunityLineItem", "External_Shopify_Line_Item_ID__c");
        String noBook = "storelink.mapping.line-items.price-book: the org has no price book named 'Wholesale'";

        assertThat(check(org, List.of(noBook))).containsExactly(
                "OpportunityLineItem.External_Shopify_Line_Item_ID__c (storelink.mapping.line-items.line-item.external-id) does "
                        + "not exist. Fix: create a Text(255) field External_Shopify_Line_Item_ID__c on OpportunityLineItem, "
                        + "marked External ID and Unique.",
                noBook);
    }

    @Test
    void anOpportunityWithoutAPriceBookLookupIsNamed() throws Exception {
        Schema org = Schema.standard().removeField("Opportunity", "Pricebook2Id");
        assertThat(check(org, List.of())).singleElement().asString()
                .contains("Opportunity.Pricebook2Id", "storelink.mapping.line-items.opportunity-price-book", "does not exist");
    }

    private static List<String> check(Schema org, List<String> priceBookProblems) throws Exception {
        LineItemSettings settings = TestSettings.lineItems("");
        PriceBooks books = new PriceBooks(settings, TestSettings.camel()) {
            @Override
            public List<String> read() {
                return priceBookProblems; // what the price book query found
            }
        };
        return TestSettings.mappingCheck(TestSettings.mapping(), io.storelink.mapping.PersonAccountSettings.off(),
                TestSettings.orgSchema(org), settings, books).ensureChecked();
    }
}

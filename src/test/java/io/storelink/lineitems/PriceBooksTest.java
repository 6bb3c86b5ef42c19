package io.storelink.lineitems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.TestSettings;
import org.junit.jupiter.api.Test;

/** The price books as the query of Pricebook2 finds them: the ids kept, or what is wrong with the fix. */
class PriceBooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STANDARD = "{\"Id\":\"01s1\",\"Name\":\"Standard Price Book\",\"IsStandard\":true,\"IsActive\":true}";

    @Test
    void theStandardBookWhenNoneIsConfiguredAndTheNamedOneOtherwise() throws Exception {
        PriceBooks standard = books("");
        assertThat(standard.found(records(STANDARD))).isEmpty();
        assertThat(standard.known()).isEqualTo(new PriceBooks.Ids("01s1", "01s1"));

        PriceBooks wholesale = books("Wholesale");
        assertThat(wholesale.found(records(STANDARD, "{\"Id\":\"01s2\",\"Name\":\"wholesale\",\"IsStandard\":false,\"IsActive\":true}")))
                .isEmpty();
        assertThat(wholesale.known()).isEqualTo(new PriceBooks.Ids("01s1", "01s2"));
        assertThat(wholesale.known().custom()).isTrue();
    }

    @Test
    void aMissingOrInactiveBookIsNamedWithItsFix() throws Exception {
        PriceBooks wholesale = books("Wholesale");
        assertThat(wholesale.found(records(STANDARD))).singleElement().asString().contains("no price book named 'Wholesale'");
        assertThat(wholesale.known()).isNull();

        PriceBooks standard = books("");
        assertThat(standard.found(records(STANDARD.replace("\"IsActive\":true", "\"IsActive\":false")))).singleElement().asString()
                .contains("'Standard Price Book' is not active", "activate it");
        assertThat(standard.found(records())).singleElement().asString().contains("no Standard Price Book");
    }

    @Test
    void aNameIsQuotedForSoql() {
        assertThat(PriceBooks.soqlText("Kid's \\ books")).isEqualTo("Kid\\'s \\\\ books");
    }

    private static PriceBooks books(String name) {
        return new PriceBooks(TestSettings.lineItems(name), TestSettings.camel());
    }

    private static JsonNode records(String... records) throws Exception {
        return JSON.readTree("[" + String.join(",", records) + "]");
    }
}

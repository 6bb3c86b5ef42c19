package io.storelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.storelink.TestSettings;
import org.junit.jupiter.api.Test;

/** The field expression language: plain paths into the payload, and simple: templates (README "Mapping a field"). */
class FieldExpressionTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode order = json("""
            {"id": 9007199254740993, "financial_status": "paid", "total_weight": 1.50, "tags": "vip, wholesale",
             "presentment_currency": "EUR", "payment_gateway_names": ["shopify_payments", "gift_card"],
             "note": "  ", "buyer_accepts_marketing": true,
             "note_attributes": [{"name": "gift wrap", "value": " yes "}, {"name": "delivery", "value": "evening"}],
             "discount_codes": [{"code": "TENOFF", "amount": "10.00", "type": "fixed_amount"}],
             "shipping_address": {"country_code": "DE", "city": "Berlin"}}""");

    @Test
    void aPlainValueIsAPathIntoThePayload() {
        assertThat(value("financial_status")).isEqualTo("paid");
        assertThat(value("shipping_address.country_code")).isEqualTo("DE");
        assertThat(value("note_attributes[0].value")).isEqualTo("yes"); // trimmed
        assertThat(value("note_attributes[1].name")).isEqualTo("delivery");
        assertThat(value("discount_codes[0].code")).isEqualTo("TENOFF");
        assertThat(value("payment_gateway_names[0]")).isEqualTo("shopify_payments");
        assertThat(value("presentment_currency")).isEqualTo("EUR");
        assertThat(value("tags")).isEqualTo("vip, wholesale");
    }

    @Test
    void valuesKeepTheirJsonTypeWithoutADouble() {
        assertThat(value("id")).isEqualTo(9007199254740993L);
        assertThat(value("total_weight")).isEqualTo(new BigDecimal("1.50"));
        assertThat(value("buyer_accepts_marketing")).isEqualTo(true);
        assertThat(value("payment_gateway_names")).isEqualTo(List.of("shopify_payments", "gift_card"));
    }

    @Test
    void missingAndBlankValuesAreNoValue() {
        assertThat(value("customer.email")).isNull();
        assertThat(value("note_attributes[5].value")).isNull();
        assertThat(value("note")).isNull();
    }

    @Test
    void simpleTemplatesGiveConstantsAndComputedValues() {
        assertThat(value("simple:Shopify web store")).isEqualTo("Shopify web store");
        assertThat(value("simple:$simple{body[payment_gateway_names][0]}")).isEqualTo("shopify_payments");
        assertThat(value("simple:$simple{body[note_attributes][1][name]}: $simple{body[note_attributes][1][value]}"))
                .isEqualTo("delivery: evening");
        assertThat(value("simple:${body[discount_codes][0][code]} (${body[discount_codes][0][amount]})"))
                .isEqualTo("TENOFF (10.00)");
        assertThat(value("simple:Paid in $simple{body[presentment_currency]}, tags $simple{body[tags]}"))
                .isEqualTo("Paid in EUR, tags vip, wholesale");
        assertThat(value("simple:$simple{variable.accountName}")).isEqualTo("Acme");
        assertThat(value("simple:$simple{variable.company}")).isNull();
    }

    @Test
    void somethingThatIsNeitherAPathNorATemplateIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new FieldSet("Opportunity", "opportunity", Map.of("Gateway__c", "payment gateway"),
                TestSettings.camel()))
                .hasMessageContaining("storelink.mapping.opportunity.fields.Gateway__c")
                .hasMessageContaining("simple:");
        assertThatThrownBy(() -> new FieldSet("Opportunity", "opportunity", Map.of("X__c", "$simple{body[x]}"),
                TestSettings.camel())).hasMessageContaining("neither a path");
    }

    @Test
    void aFieldMappedToNothingIsNotWritten() {
        FieldSet set = new FieldSet("Opportunity", "opportunity", Map.of("Description", "", "StageName", "financial_status"),
                TestSettings.camel());
        assertThat(set.fields()).containsOnlyKeys("StageName");
    }

    private Object value(String expression) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("accountName", "Acme");
        variables.put("company", null);
        return FieldExpression.compile(expression, TestSettings.camel())
                .value(new MappingInput(order, variables, TestSettings.camel()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.storelink.fulfillments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.storelink.TestSettings;
import io.storelink.mapping.MappingSettings;
import io.storelink.shopify.ParseFulfillment;
import io.storelink.shopify.PoisonPayloadException;
import io.storelink.shopify.ShopifyPayload;
import io.storelink.shopify.model.ShopifyFulfillment;
import org.junit.jupiter.api.Test;

class FulfillmentMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final FulfillmentMapping mapping = TestSettings.fulfillmentMapping();
    private final ParseFulfillment parser = new ParseFulfillment(JSON);

    @Test
    void restFixtureMapsToTheTrackingFields() throws Exception {
        byte[] json = Files.readAllBytes(Path.of("src/test/resources/shopify/fulfillment.json"));

        assertThat(parser.parse(json).orderId()).isEqualTo(450789469L);
        Map<String, Object> fields = map(mapping, json);
        assertThat(fields).containsExactly(
                entry("Tracking_Company__c", "null-company"),
                entry("Tracking_Number__c", "1Z2345"),
                entry("Tracking_URL__c", "http://www.google.com/search?q=1Z2345"),
                entry("Fulfillment_Status__c", "pending"),
                entry("Tracking_Updated_At__c", fields.get("Tracking_Updated_At__c")));
        assertThat(OffsetDateTime.parse((String) fields.get("Tracking_Updated_At__c")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2013-11-01T16:06:08-04:00").toInstant());
    }

    @Test
    void severalTrackingNumbersAreJoinedAndTheFirstUrlIsWritten() {
        String f = """
                {"id":1,"order_id":2,"status":"success","tracking_company":"UPS","tracking_number":"1Z1",
                 "tracking_numbers":["1Z1","1Z2"," 1Z3 ",""],"tracking_url":"https://u/1Z1",
                 "tracking_urls":["https://u/1Z1","https://u/1Z2"],"updated_at":"2026-03-01T10:00:00Z"}""";

        assertThat(map(f)).contains(
                entry("Tracking_Number__c", "1Z1, 1Z2, 1Z3"),
                entry("Tracking_URL__c", "https://u/1Z1"),
                entry("Fulfillment_Status__c", "success"));
    }

    @Test
    void numbersAreCutToTheFieldAtWholeNumbers() {
        String n = "X".repeat(100);
        assertThat(FulfillmentVariables.numbers(List.of(n + "1", n + "2", n + "3"))).isEqualTo(n + "1, " + n + "2");
        assertThat(FulfillmentVariables.numbers(List.of("Y".repeat(300)))).hasSize(255);
        assertThat(FulfillmentVariables.numbers(List.of())).isNull();
    }

    @Test
    void theVersionAlwaysCarriesSeconds() {
        assertThat(map("{\"order_id\":2,\"updated_at\":\"2026-03-01T10:00:00-05:00\"}"))
                .containsEntry("Tracking_Updated_At__c", "2026-03-01T15:00:00Z");
    }

    @Test
    void aUrlTooLongForTheFieldIsLeftOutNotCut() {
        assertThat(FulfillmentVariables.url(List.of("https://x/" + "a".repeat(300)))).isNull();
    }

    @Test
    void valuesShopifyDoesNotHaveAreNotWritten() {
        String f = """
                {"id":1,"order_id":2,"status":"open","tracking_company":null,"tracking_number":null,
                 "tracking_numbers":[],"tracking_urls":[],"updated_at":"2026-03-01T10:00:00Z"}""";

        assertThat(map(f)).containsOnlyKeys("Fulfillment_Status__c", "Tracking_Updated_At__c");
    }

    @Test
    void aFieldMappedToNothingIsNotWritten() {
        MappingSettings s = TestSettings.mapping();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("Carrier__c", "tracking_company");
        fields.put("Tracking_Number__c", "simple:$simple{variable.trackingNumbers}");
        fields.put("Tracking_URL__c", "");
        MappingSettings noUrl = new MappingSettings(s.stageName(), s.cancelledStageName(), s.closeDateOffsetDays(),
                s.unknownLastName(), s.anonymousAccountName(), s.account(), s.contact(), s.opportunity(),
                new MappingSettings.FulfillmentFields("Tracking_Updated_At__c", fields));
        String f = """
                {"order_id":2,"status":"success","tracking_company":"DHL","tracking_number":"JD1",
                 "tracking_url":"https://d/JD1","updated_at":"2026-03-01T10:00:00Z"}""";

        assertThat(map(new FulfillmentMapping(noUrl, TestSettings.camel()), f.getBytes(StandardCharsets.UTF_8)))
                .containsOnlyKeys("Carrier__c", "Tracking_Number__c", "Tracking_Updated_At__c");
    }

    @Test
    void theVersionFieldIsRequired() {
        assertThatThrownBy(() -> new MappingSettings.FulfillmentFields(" ", Map.of()))
                .hasMessageContaining("storelink.mapping.fulfillment.updated-at");
    }

    @Test
    void payloadsWithoutOrderIdOrVersionArePoison() {
        assertThatThrownBy(() -> parse("{\"id\":1,\"updated_at\":\"2026-03-01T10:00:00Z\"}"))
                .isInstanceOf(PoisonPayloadException.class).hasMessageContaining("order_id");
        assertThatThrownBy(() -> parse("{\"id\":1,\"order_id\":2}"))
                .isInstanceOf(PoisonPayloadException.class).hasMessageContaining("updated_at");
        assertThatThrownBy(() -> parse("not json, Jane Doe"))
                .isInstanceOf(PoisonPayloadException.class).hasMessageNotContaining("Jane");
    }

    private ShopifyFulfillment parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> map(String json) {
        return map(mapping, json.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> map(FulfillmentMapping m, byte[] json) {
        ShopifyPayload<ShopifyFulfillment> f = parser.read(json);
        return m.map(f.value(), f.json());
    }
}

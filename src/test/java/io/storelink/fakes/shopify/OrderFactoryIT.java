package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderFactoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TWO_TO_53 = 1L << 53;

    @Test
    void idsAboveTwoTo53SurviveAJacksonRoundTripAsLong() throws Exception {
        OrderFactory f = new OrderFactory(1);
        for (int i = 0; i < 300; i++) {
            ObjectNode order = f.nextOrder();
            byte[] wire = OrderFactory.bytes(order);
            JsonNode tree = JSON.readTree(wire);
            List<JsonNode> ids = ids(tree);
            assertThat(ids).hasSizeGreaterThanOrEqualTo(5);
            for (JsonNode id : ids) {
                assertThat(id.isLong()).as("id %s parsed as long", id).isTrue();
                assertThat(id.asLong()).isGreaterThan(TWO_TO_53);
                assertThat((long) (double) id.asLong()).as("a double would corrupt %s", id).isNotEqualTo(id.asLong());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(wire, Map.class); // plain data binding, no tree
            assertThat(map.get("id")).isEqualTo(order.get("id").asLong());
            assertThat(tree.get("admin_graphql_api_id").asText()).isEqualTo("gid://shopify/Order/" + order.get("id").asLong());
            if (tree.path("customer").isObject()) {
                assertThat(tree.at("/customer/admin_graphql_api_id").asText())
                        .isEqualTo("gid://shopify/Customer/" + tree.at("/customer/id").asLong());
            }
        }
    }

    @Test
    void moneyAddsUpExactlyInShopAndPresentmentCurrency() {
        OrderFactory f = new OrderFactory(2);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < 500; i++) orders.add(f.nextOrder());
        orders.add(f.largeOrder(15_000));
        int discounted = 0, foreignCurrency = 0;
        for (ObjectNode o : orders) {
            for (String side : List.of("shop_money", "presentment_money")) {
                BigDecimal items = BigDecimal.ZERO, allocated = BigDecimal.ZERO, lineTax = BigDecimal.ZERO;
                for (JsonNode li : o.get("line_items")) {
                    items = items.add(amount(li.get("price_set"), side).multiply(BigDecimal.valueOf(li.get("quantity").asInt())));
                    for (JsonNode a : li.get("discount_allocations")) allocated = allocated.add(amount(a.get("amount_set"), side));
                    for (JsonNode t : li.get("tax_lines")) lineTax = lineTax.add(amount(t.get("price_set"), side));
                }
                BigDecimal discounts = amount(o.get("total_discounts_set"), side);
                BigDecimal tax = amount(o.get("total_tax_set"), side);
                BigDecimal shipping = amount(o.get("total_shipping_price_set"), side);
                BigDecimal shippingLines = BigDecimal.ZERO, taxLines = BigDecimal.ZERO;
                for (JsonNode s : o.get("shipping_lines")) shippingLines = shippingLines.add(amount(s.get("price_set"), side));
                for (JsonNode t : o.get("tax_lines")) taxLines = taxLines.add(amount(t.get("price_set"), side));

                assertThat(amount(o.get("total_line_items_price_set"), side)).isEqualByComparingTo(items);
                assertThat(allocated).isEqualByComparingTo(discounts);
                assertThat(amount(o.get("subtotal_price_set"), side)).isEqualByComparingTo(items.subtract(discounts));
                assertThat(lineTax).isEqualByComparingTo(tax);
                assertThat(taxLines).isEqualByComparingTo(tax);
                assertThat(shippingLines).isEqualByComparingTo(shipping);
                assertThat(amount(o.get("total_price_set"), side))
                        .isEqualByComparingTo(items.subtract(discounts).add(tax).add(shipping));
                assertThat(amount(o.get("current_total_price_set"), side)).isEqualByComparingTo(amount(o.get("total_price_set"), side));
            }
            // The plain strings are the shop-currency amounts, always with two decimals.
            for (String k : List.of("total_price", "subtotal_price", "total_tax", "total_discounts",
                    "total_line_items_price", "current_total_price")) {
                assertThat(o.get(k).asText()).matches("\\d+\\.\\d{2}");
                assertThat(o.get(k).asText()).isEqualTo(o.at("/" + k + "_set/shop_money/amount").asText());
                assertThat(o.at("/" + k + "_set/shop_money/currency_code").asText()).isEqualTo(o.get("currency").asText());
            }
            for (JsonNode li : o.get("line_items")) assertThat(li.get("price").asText()).matches("\\d+\\.\\d{2}");
            if (o.get("discount_codes").size() > 0) discounted++;
            if (!o.get("presentment_currency").asText().equals("EUR")) foreignCurrency++;
        }
        assertThat(discounted).isGreaterThan(20);
        assertThat(foreignCurrency).isGreaterThan(50);
    }

    @Test
    void nextOrderMixesGuestsCompaniesRepeatCustomersAndNonAscii() {
        OrderFactory f = new OrderFactory(3);
        int n = 1000, guests = 0, guestNoKey = 0, guestNull = 0, guestEmptyEmail = 0, guestWithEmail = 0,
                companies = 0, repeats = 0, nameless = 0, noDefaultAddress = 0, noEmail = 0, multiLine = 0, nonAscii = 0;
        Set<Long> seenCustomers = new HashSet<>();
        Set<String> countries = new HashSet<>();
        int expectedNumber = 1001;
        OffsetDateTime previous = null;
        for (int i = 0; i < n; i++) {
            ObjectNode o = f.nextOrder();
            assertThat(o.get("order_number").asInt()).isEqualTo(expectedNumber);
            assertThat(o.get("name").asText()).isEqualTo("#" + expectedNumber++);
            OffsetDateTime created = OffsetDateTime.parse(o.get("created_at").asText());
            if (previous != null) assertThat(created).isAfter(previous);
            previous = created;
            assertThat(o.get("line_items").size()).isBetween(1, 6);
            if (o.get("line_items").size() > 1) multiLine++;
            countries.add(o.at("/billing_address/country_code").asText());
            String json = new String(OrderFactory.bytes(o), StandardCharsets.UTF_8);
            if (!json.chars().allMatch(c -> c < 128)) nonAscii++;

            JsonNode c = o.get("customer");
            if (c == null || c.isNull()) {
                guests++;
                if (c == null) guestNoKey++; else guestNull++;
                if (o.get("email").asText().isEmpty()) guestEmptyEmail++; else guestWithEmail++;
                continue;
            }
            if (!seenCustomers.add(c.get("id").asLong())) repeats++;
            if (c.path("default_address").path("company").isTextual()) companies++;
            if (c.get("first_name").isNull() && c.get("last_name").isNull()) nameless++;
            if (!c.has("default_address")) noDefaultAddress++;
            if (c.get("email").isNull()) {
                noEmail++;
                assertThat(o.get("email").asText()).isEmpty();
            }
        }
        assertThat(guests).isBetween(n * 10 / 100, n * 20 / 100);
        assertThat(guestNoKey).isPositive();
        assertThat(guestNull).isPositive();
        assertThat(guestEmptyEmail).isPositive();
        assertThat(guestWithEmail).isPositive();
        assertThat(companies).isBetween(n * 18 / 100, n * 32 / 100);
        assertThat(repeats).isBetween(n * 28 / 100, n * 42 / 100);
        assertThat(nameless).isPositive();
        assertThat(noDefaultAddress).isPositive();
        assertThat(noEmail).isPositive();
        assertThat(multiLine).isGreaterThan(n / 2);
        assertThat(nonAscii).isGreaterThan(n / 2);
        assertThat(countries).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void containsTheAwkwardNamesVerbatim() throws Exception {
        OrderFactory f = new OrderFactory(4);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 1000; i++) collectTexts(JSON.readTree(OrderFactory.bytes(f.nextOrder())), texts);
        assertThat(String.join("\n", texts)).contains("Zoë", "Łukasiewicz", "José", "Núñez", "Søren", "Ødegård",
                "Nguyễn", "Thị Minh", "山田", "太郎", "Ærøskøbing", "Müller GmbH", "O'Brien");
    }

    @Test
    void sameSeedGivesSameBytesAndOtherSeedsDiffer() {
        OrderFactory a = new OrderFactory(42), b = new OrderFactory(42), c = new OrderFactory(43);
        for (int i = 0; i < 100; i++) {
            byte[] x = OrderFactory.bytes(a.nextOrder());
            assertThat(OrderFactory.bytes(b.nextOrder())).isEqualTo(x);
            assertThat(OrderFactory.bytes(c.nextOrder())).isNotEqualTo(x);
        }
        assertThat(OrderFactory.bytes(a.largeOrder(15_000))).isEqualTo(OrderFactory.bytes(b.largeOrder(15_000)));
        assertThat(OrderFactory.bytes(a.companyOrder())).isEqualTo(OrderFactory.bytes(b.companyOrder()));
    }

    @Test
    void largeOrderIsWithinTenPercentOfTargetAndMadeOfRealLines() {
        OrderFactory f = new OrderFactory(5);
        for (int target : new int[] {15_000, 50_000, 250_000}) {
            ObjectNode o = f.largeOrder(target);
            assertThat(OrderFactory.bytes(o).length).as("target %d", target).isBetween(target * 9 / 10, target * 11 / 10);
            Set<Long> lineIds = new HashSet<>();
            for (JsonNode li : o.get("line_items")) {
                assertThat(li.get("sku").asText()).matches("[A-Z0-9-]+");
                assertThat(li.get("title").asText()).isNotBlank();
                assertThat(li.get("quantity").asInt()).isPositive();
                assertThat(lineIds.add(li.get("id").asLong())).isTrue();
            }
            assertThat(o.at("/customer/default_address/company").isTextual()).isTrue();
        }
    }

    @Test
    void namedBuilders() {
        OrderFactory f = new OrderFactory(6);

        ObjectNode company = f.companyOrder();
        assertThat(company.at("/customer/default_address/company").asText()).isNotBlank();
        assertThat(company.at("/billing_address/company").asText()).isNotBlank();

        ObjectNode anonymous = f.guestOrder(null);
        assertThat(anonymous.path("customer").isMissingNode() || anonymous.get("customer").isNull()).isTrue();
        assertThat(anonymous.get("email").asText()).isEmpty();
        assertThat(f.guestOrder("guest@example.com").get("email").asText()).isEqualTo("guest@example.com");

        ObjectNode nameless = f.namelessCustomerOrder();
        assertThat(nameless.at("/customer/first_name").isNull()).isTrue();
        assertThat(nameless.at("/customer/last_name").isNull()).isTrue();
        assertThat(nameless.at("/billing_address/last_name").isNull()).isTrue();

        ObjectNode again = f.orderForCustomer(company);
        assertThat(again.get("id").asLong()).isNotEqualTo(company.get("id").asLong());
        assertThat(again.get("order_number").asInt()).isGreaterThan(company.get("order_number").asInt());
        for (String k : List.of("id", "email", "first_name", "last_name")) {
            assertThat(again.get("customer").get(k)).isEqualTo(company.get("customer").get(k));
        }
        assertThat(again.get("email")).isEqualTo(company.at("/customer/email"));
        assertThatThrownBy(() -> f.orderForCustomer(anonymous)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderForCustomerAcceptsTheRestEraFixture() throws Exception {
        ObjectNode fixture = (ObjectNode) JSON.readTree(new java.io.File("/work/shared/fixtures/shopify/order.json"));
        ObjectNode o = new OrderFactory(7).orderForCustomer(fixture);
        assertThat(o.at("/customer/id").asLong()).isEqualTo(207119551L);
        assertThat(o.get("email").asText()).isEqualTo("bob.norman@hostmail.com");
    }

    @Test
    void updatedMovesUpdatedAtAndLeavesTheOriginalAlone() {
        OrderFactory f = new OrderFactory(8);
        ObjectNode order = f.nextOrder();
        byte[] before = OrderFactory.bytes(order);
        ObjectNode later = OrderFactory.updated(order, Duration.ofMinutes(90), o -> o.put("financial_status", "refunded"));
        assertThat(OffsetDateTime.parse(later.get("updated_at").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse(order.get("updated_at").asText()).toInstant().plus(Duration.ofMinutes(90)));
        assertThat(later.get("created_at")).isEqualTo(order.get("created_at"));
        assertThat(later.get("id")).isEqualTo(order.get("id"));
        assertThat(later.get("financial_status").asText()).isEqualTo("refunded");
        assertThat(OrderFactory.bytes(order)).isEqualTo(before);
        assertThat(later.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
    }

    @Test
    void liveFactoryUsesWallClockTimestamps() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(2);
        OrderFactory live = OrderFactory.live(10);
        OffsetDateTime first = OffsetDateTime.parse(live.nextOrder().get("created_at").asText());
        OffsetDateTime second = OffsetDateTime.parse(live.nextOrder().get("created_at").asText());
        assertThat(first.toInstant()).isAfter(before).isBefore(java.time.Instant.now().plusSeconds(2));
        assertThat(second).isAfter(first);
    }

    private static void collectTexts(JsonNode n, Set<String> out) {
        if (n.isTextual()) out.add(n.asText());
        n.forEach(child -> collectTexts(child, out));
    }

    private static BigDecimal amount(JsonNode set, String side) {
        assertThat(set.path(side).path("amount").isTextual()).as("%s in %s", side, set).isTrue();
        return new BigDecimal(set.get(side).get("amount").asText());
    }

    /** Every id-like field: order, customer, addresses, line items, products, variants, checkout, shipping lines. */
    private static List<JsonNode> ids(JsonNode tree) {
        List<JsonNode> out = new ArrayList<>();
        for (String k : List.of("id", "checkout_id")) out.add(tree.get(k));
        JsonNode c = tree.get("customer");
        if (c != null && c.isObject()) {
            out.add(c.get("id"));
            if (c.has("default_address")) {
                out.add(c.at("/default_address/id"));
                out.add(c.at("/default_address/customer_id"));
            }
        }
        for (JsonNode li : tree.get("line_items")) {
            out.add(li.get("id"));
            out.add(li.get("product_id"));
            out.add(li.get("variant_id"));
        }
        for (JsonNode s : tree.get("shipping_lines")) out.add(s.get("id"));
        return out;
    }

    /** A sandbox runs for hours: the generator must not run out of unique customer emails (it once spun at ~15,000). */
    @Test
    void keepsGeneratingUniqueCustomersInALongSession() {
        OrderFactory factory = new OrderFactory(5);
        java.util.Set<String> emails = new java.util.HashSet<>();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 25_000; i++) {
                JsonNode customer = factory.nextOrder().get("customer");
                if (customer != null && !customer.isNull() && customer.hasNonNull("email")) {
                    emails.add(customer.get("email").asText());
                }
            }
        });
        org.assertj.core.api.Assertions.assertThat(emails).hasSizeGreaterThan(5_000);
    }
}

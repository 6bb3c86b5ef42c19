package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;

/** Renders a {@link Draft} as an {@code orders/create} payload (API 2026-07 field set, Shopify's key order). */
final class OrderJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String SHOP_CURRENCY = "EUR";
    static final long APP_ID = 580111L; // Shopify's id for the Online Store channel

    static ObjectNode render(Draft d, List<Draft.Line> lines) {
        Market m = d.buyer().market();
        String pc = m.presentmentCurrency();
        List<BigDecimal> eurUnits = lines.stream().map(l -> l.variant().price()).toList();
        List<BigDecimal> presUnits = eurUnits.stream().map(p -> Money.convert(p, m.eurRate())).toList();
        List<Integer> qty = lines.stream().map(Draft.Line::quantity).toList();
        BigDecimal itemsEur = Pricing.of(eurUnits, qty, null, null, Money.ZERO, BigDecimal.ZERO).lineItemsTotal();
        // Free shipping from 100 EUR, decided in shop currency and mirrored in presentment currency.
        BigDecimal shipEur = itemsEur.compareTo(new BigDecimal("100")) >= 0 ? Money.ZERO : m.shippingEur();
        Pricing shop = Pricing.of(eurUnits, qty, d.percentOff(), d.amountOffEur(), shipEur, m.taxRate());
        Pricing pres = Pricing.of(presUnits, qty, d.percentOff(),
                d.amountOffEur() == null ? null : Money.convert(d.amountOffEur(), m.eurRate()),
                Money.convert(shipEur, m.eurRate()), m.taxRate());

        ObjectNode o = F.objectNode();
        String created = OrderFactory.timestamp(d.createdAt());
        o.put("id", d.id());
        o.put("admin_graphql_api_id", "gid://shopify/Order/" + d.id());
        o.put("app_id", APP_ID);
        o.put("browser_ip", d.browserIp());
        o.put("buyer_accepts_marketing", d.buyer().customer() != null && d.number() % 3 == 0);
        o.putNull("cancel_reason");
        o.putNull("cancelled_at");
        o.put("cart_token", d.cartToken());
        o.put("checkout_id", d.checkoutId());
        o.put("checkout_token", d.checkoutToken());
        o.putObject("client_details").put("accept_language", m.customerLocale()).put("browser_height", 900)
                .put("browser_ip", d.browserIp()).put("browser_width", 1440).putNull("session_hash")
                .put("user_agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
        o.putNull("closed_at");
        o.put("confirmation_number", d.confirmationNumber());
        o.put("confirmed", true);
        if (d.buyer().email().isEmpty()) o.putNull("contact_email"); else o.put("contact_email", d.buyer().email());
        o.put("created_at", created);
        o.put("currency", SHOP_CURRENCY);
        money(o, "current_subtotal_price", shop.subtotal(), pres.subtotal(), pc);
        money(o, "current_total_discounts", shop.discounts(), pres.discounts(), pc);
        o.putNull("current_total_duties_set");
        money(o, "current_total_price", shop.total(), pres.total(), pc);
        money(o, "current_total_tax", shop.tax(), pres.tax(), pc);
        o.put("customer_locale", m.customerLocale());
        ArrayNode codes = o.putArray("discount_codes");
        if (d.discountCode() != null) {
            codes.addObject().put("code", d.discountCode()).put("amount", Money.str(shop.discounts()))
                    .put("type", d.percentOff() != null ? "percentage" : "fixed_amount");
        }
        o.put("email", d.buyer().email());
        o.put("estimated_taxes", false);
        o.put("financial_status", d.paid() ? "paid" : "pending");
        o.putNull("fulfillment_status");
        o.put("landing_site", "/");
        o.putNull("landing_site_ref");
        o.putNull("location_id");
        o.put("name", "#" + d.number());
        o.putNull("note");
        o.putArray("note_attributes");
        o.put("number", d.number() - 1000);
        o.put("order_number", d.number());
        o.putArray("payment_gateway_names").add(d.paid() ? "shopify_payments" : "bank_transfer");
        if (d.buyer().phone() == null) o.putNull("phone"); else o.put("phone", d.buyer().phone());
        o.put("presentment_currency", pc);
        o.put("processed_at", created);
        o.putNull("reference");
        o.putNull("referring_site");
        o.putNull("source_identifier");
        o.put("source_name", "web");
        money(o, "subtotal_price", shop.subtotal(), pres.subtotal(), pc);
        o.put("tags", "");
        o.put("tax_exempt", false);
        o.set("tax_lines", F.arrayNode().add(taxLine(m, shop.tax(), pres.tax())));
        o.put("taxes_included", false);
        o.put("test", false);
        o.put("token", d.token());
        money(o, "total_discounts", shop.discounts(), pres.discounts(), pc);
        money(o, "total_line_items_price", shop.lineItemsTotal(), pres.lineItemsTotal(), pc);
        o.put("total_outstanding", Money.str(d.paid() ? Money.ZERO : shop.total()));
        money(o, "total_price", shop.total(), pres.total(), pc);
        o.set("total_shipping_price_set", Money.set(shop.shipping(), SHOP_CURRENCY, pres.shipping(), pc));
        money(o, "total_tax", shop.tax(), pres.tax(), pc);
        o.put("total_tip_received", "0.00");
        o.put("total_weight", lines.stream().mapToInt(l -> l.variant().grams() * l.quantity()).sum());
        o.put("updated_at", created);
        o.putNull("user_id");
        o.set("billing_address", d.buyer().billing().deepCopy());
        if (d.buyer().customer() != null) o.set("customer", d.buyer().customer().deepCopy());
        else if (d.buyer().customerKey()) o.putNull("customer");
        ArrayNode apps = o.putArray("discount_applications");
        if (d.discountCode() != null) {
            apps.addObject().put("target_type", "line_item").put("type", "discount_code")
                    .put("value", d.percentOff() != null ? d.percentOff().toPlainString() : Money.str(d.amountOffEur()))
                    .put("value_type", d.percentOff() != null ? "percentage" : "fixed_amount")
                    .put("allocation_method", "across").put("target_selection", "all").put("code", d.discountCode());
        }
        o.putArray("fulfillments");
        ArrayNode items = o.putArray("line_items");
        for (int i = 0; i < lines.size(); i++) items.add(lineItem(lines.get(i), i, shop, pres, m, eurUnits, presUnits));
        o.putNull("payment_terms");
        o.putArray("refunds");
        o.set("shipping_address", d.buyer().shipping().deepCopy());
        ObjectNode ship = o.putArray("shipping_lines").addObject();
        ship.put("id", d.shippingLineId()).putNull("carrier_identifier").put("code", "Standard")
                .put("discounted_price", Money.str(shop.shipping()))
                .set("discounted_price_set", Money.set(shop.shipping(), SHOP_CURRENCY, pres.shipping(), pc));
        ship.putNull("phone").put("price", Money.str(shop.shipping()))
                .set("price_set", Money.set(shop.shipping(), SHOP_CURRENCY, pres.shipping(), pc));
        ship.put("source", "shopify").put("title", shop.shipping().signum() == 0 ? "Free Shipping" : "Standard Shipping");
        ship.putArray("tax_lines");
        ship.putArray("discount_allocations");
        return o;
    }

    private static ObjectNode lineItem(Draft.Line l, int i, Pricing shop, Pricing pres, Market m,
                                       List<BigDecimal> eurUnits, List<BigDecimal> presUnits) {
        String pc = m.presentmentCurrency();
        Catalog.Variant v = l.variant();
        ObjectNode li = F.objectNode();
        li.put("id", l.id());
        li.put("admin_graphql_api_id", "gid://shopify/LineItem/" + l.id());
        li.putArray("attributed_staffs");
        li.put("current_quantity", l.quantity());
        li.put("fulfillable_quantity", l.quantity());
        li.put("fulfillment_service", "manual");
        li.putNull("fulfillment_status");
        li.put("gift_card", false);
        li.put("grams", v.grams());
        li.put("name", v.name());
        li.put("price", Money.str(eurUnits.get(i)));
        li.set("price_set", Money.set(eurUnits.get(i), SHOP_CURRENCY, presUnits.get(i), pc));
        li.put("product_exists", true);
        li.put("product_id", v.productId());
        ArrayNode props = li.putArray("properties");
        if (l.poLine() != null) props.addObject().put("name", "PO line").put("value", l.poLine());
        li.put("quantity", l.quantity());
        li.put("requires_shipping", true);
        li.put("sku", v.sku());
        li.put("taxable", true);
        li.put("title", v.title());
        li.put("total_discount", "0.00"); // order-level discounts show up in discount_allocations instead
        li.set("total_discount_set", Money.set(Money.ZERO, SHOP_CURRENCY, Money.ZERO, pc));
        li.put("variant_id", v.variantId());
        li.put("variant_inventory_management", "shopify");
        if (v.variantTitle() == null) li.putNull("variant_title"); else li.put("variant_title", v.variantTitle());
        li.put("vendor", v.vendor());
        li.set("tax_lines", F.arrayNode().add(taxLine(m, shop.lineTaxes().get(i), pres.lineTaxes().get(i))));
        li.putArray("duties");
        ArrayNode alloc = li.putArray("discount_allocations");
        if (shop.discounts().signum() > 0) {
            alloc.addObject().put("amount", Money.str(shop.lineDiscounts().get(i)))
                    .put("discount_application_index", 0)
                    .set("amount_set", Money.set(shop.lineDiscounts().get(i), SHOP_CURRENCY, pres.lineDiscounts().get(i), pc));
        }
        return li;
    }

    private static ObjectNode taxLine(Market m, BigDecimal shop, BigDecimal pres) {
        ObjectNode t = F.objectNode().put("channel_liable", false).put("price", Money.str(shop));
        t.set("price_set", Money.set(shop, SHOP_CURRENCY, pres, m.presentmentCurrency()));
        return t.put("rate", m.taxRate().doubleValue()).put("title", m.taxTitle());
    }

    /** Writes {@code name} as a string and {@code name_set} as the shop/presentment pair. */
    private static void money(ObjectNode o, String name, BigDecimal shop, BigDecimal pres, String pc) {
        o.put(name, Money.str(shop));
        o.set(name + "_set", Money.set(shop, SHOP_CURRENCY, pres, pc));
    }

    private OrderJson() {}
}

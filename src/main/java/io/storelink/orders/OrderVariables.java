package io.storelink.orders;

import io.storelink.mapping.MappingSettings;
import io.storelink.mapping.SalesforceText;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.storelink.shopify.model.ShopifyAddress;
import io.storelink.shopify.model.ShopifyLineItem;
import io.storelink.shopify.model.ShopifyOrder;

/**
 * The computed values of an order that no path expresses, as variables for {@code simple:} field expressions
 * ({@code $simple{variable.accountName}}); README.md "Mapping a field" lists them. Who bought ({@link Buyer}: customer,
 * guest or nobody) decides most of them. A variable without a value is null: its field is not written.
 */
public final class OrderVariables {

    private OrderVariables() {
    }

    static Map<String, Object> of(ShopifyOrder order, Buyer buyer, MappingSettings settings) {
        Map<String, Object> v = ofBuyer(buyer, settings);
        String number = order.orderNumber() != null ? order.orderNumber().toString() : order.name();
        v.put("opportunityName", "Shopify Order #" + (number == null ? order.id() : number.replaceFirst("^#", ""))
                + buyer.displayName().map(n -> " (" + n + ")").orElse(""));
        v.put("stage", order.cancelledAt() != null ? settings.cancelledStageName() : settings.stageName());
        LocalDate ordered = order.createdAt() != null
                ? order.createdAt().toLocalDate() // the merchant's calendar day, in the order's own offset
                : LocalDate.now(ZoneOffset.UTC);
        v.put("closeDate", ordered.plusDays(settings.closeDateOffsetDays()).toString());
        v.put("description", description(order));
        v.put("updatedAt", SalesforceText.dateTime(order.updatedAt()));
        return v;
    }

    /**
     * What the Account and Contact fields read about who bought (also a customer event's customer): the Account's
     * name, the address, the names (LastName is never empty), email and phone.
     */
    public static Map<String, Object> ofBuyer(Buyer buyer, MappingSettings settings) {
        Map<String, Object> v = new HashMap<>();
        boolean anonymous = buyer.kind() == Buyer.Kind.ANONYMOUS;
        v.put("buyerKind", buyer.kind().name().toLowerCase(java.util.Locale.ROOT));
        v.put("accountName", anonymous ? settings.anonymousAccountName() : buyer.company()
                .or(buyer::displayName)
                .orElse(buyer.email() != null ? buyer.email() : "Shopify customer " + buyer.key()));
        ShopifyAddress a = anonymous ? null : buyer.address();
        if (a != null) {
            v.put("company", buyer.company().orElse(null));
            v.put("street", street(a));
            v.put("city", Buyer.blankToNull(a.city()));
            v.put("state", Buyer.blankToNull(a.province()));
            v.put("postalCode", Buyer.blankToNull(a.zip()));
            v.put("country", Buyer.blankToNull(a.country()));
        }
        String first = buyer.firstName();
        String last = buyer.lastName();
        if (last == null) {
            // LastName is required: a lone first name moves there, no name at all gets the configured placeholder
            last = first != null ? first : settings.unknownLastName();
            first = null;
        }
        v.put("firstName", first);
        v.put("lastName", last);
        v.put("email", buyer.email());
        v.put("phone", buyer.phone());
        return v;
    }

    /** One line per order line, so the sales team sees what was bought without opening Shopify. */
    static String description(ShopifyOrder order) {
        if (order.lineItems().isEmpty()) {
            return null;
        }
        return order.lineItems().stream().map(OrderVariables::line).collect(Collectors.joining("\n"));
    }

    private static String line(ShopifyLineItem item) {
        StringBuilder s = new StringBuilder();
        s.append(item.quantity() == null ? 1 : item.quantity()).append(" x ").append(item.title());
        if (item.variantTitle() != null && !item.variantTitle().isBlank()) {
            s.append(" - ").append(item.variantTitle());
        }
        if (item.sku() != null && !item.sku().isBlank()) {
            s.append(" [").append(item.sku()).append(']');
        }
        if (item.price() != null) {
            s.append(" @ ").append(item.price().toPlainString());
        }
        return s.toString();
    }

    private static String street(ShopifyAddress a) {
        String one = Buyer.blankToNull(a.address1());
        String two = Buyer.blankToNull(a.address2());
        if (one == null) {
            return two;
        }
        return two == null ? one : one + "\n" + two;
    }
}

package io.storelink.mapping;

import static io.storelink.mapping.SalesforceText.fit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.storelink.shopify.model.ShopifyAddress;
import io.storelink.shopify.model.ShopifyLineItem;
import io.storelink.shopify.model.ShopifyOrder;
import org.springframework.stereotype.Component;

/**
 * Shopify order to Salesforce Account, Contact and Opportunity upserts. Writes only the
 * fields it has a value for: a missing phone never blanks one a salesperson typed in.
 */
@Component
public class OrderMapping {

    private final MappingSettings settings;

    public OrderMapping(MappingSettings settings) {
        this.settings = settings;
    }

    public OrderRecords map(ShopifyOrder order) {
        Buyer buyer = Buyer.of(order);
        return new OrderRecords(account(buyer), contact(buyer), opportunity(order, buyer));
    }

    Upsert account(Buyer buyer) {
        MappingSettings.AccountFields f = settings.account();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (buyer.kind() == Buyer.Kind.ANONYMOUS) {
            put(fields, f.name(), fit(settings.anonymousAccountName(), SalesforceText.ACCOUNT_NAME));
            return new Upsert(f.object(), f.externalId(), f.guestKeyPrefix() + "anonymous", fields);
        }
        String name = buyer.company()
                .or(buyer::displayName)
                .orElse(buyer.email() != null ? buyer.email() : "Shopify customer " + buyer.key());
        put(fields, f.name(), fit(name, SalesforceText.ACCOUNT_NAME));
        ShopifyAddress a = buyer.address();
        if (a != null) {
            put(fields, f.street(), fit(street(a), SalesforceText.STREET));
            put(fields, f.city(), fit(a.city(), SalesforceText.CITY));
            put(fields, f.state(), fit(a.province(), SalesforceText.STATE));
            put(fields, f.postalCode(), fit(a.zip(), SalesforceText.POSTAL_CODE));
            put(fields, f.country(), fit(a.country(), SalesforceText.COUNTRY));
        }
        put(fields, f.phone(), fit(buyer.phone(), SalesforceText.PHONE));
        String prefix = buyer.kind() == Buyer.Kind.CUSTOMER ? f.customerKeyPrefix() : f.guestKeyPrefix();
        return new Upsert(f.object(), f.externalId(), prefix + buyer.key(), fields);
    }

    Optional<Upsert> contact(Buyer buyer) {
        if (buyer.kind() == Buyer.Kind.ANONYMOUS) {
            return Optional.empty();
        }
        MappingSettings.ContactFields f = settings.contact();
        String first = buyer.firstName();
        String last = buyer.lastName();
        if (last == null) {
            // LastName is required: a lone first name moves there, no name at all gets the configured placeholder
            last = first != null ? first : settings.unknownLastName();
            first = null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, f.firstName(), fit(first, SalesforceText.FIRST_NAME));
        put(fields, f.lastName(), fit(last, SalesforceText.LAST_NAME));
        put(fields, f.email(), buyer.email());
        put(fields, f.phone(), fit(buyer.phone(), SalesforceText.PHONE));
        String key = buyer.kind() == Buyer.Kind.CUSTOMER ? buyer.key() : f.guestKeyPrefix() + buyer.key();
        return Optional.of(new Upsert(f.object(), f.externalId(), key, fields));
    }

    Upsert opportunity(ShopifyOrder order, Buyer buyer) {
        MappingSettings.OpportunityFields f = settings.opportunity();
        String number = order.orderNumber() != null ? order.orderNumber().toString() : order.name();
        String name = "Shopify Order #" + (number == null ? order.id() : number.replaceFirst("^#", ""))
                + buyer.displayName().map(n -> " (" + n + ")").orElse("");
        LocalDate ordered = order.createdAt() != null
                ? order.createdAt().toLocalDate() // the merchant's calendar day, in the order's own offset
                : LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, f.name(), fit(name, SalesforceText.OPPORTUNITY_NAME));
        put(fields, f.stage(), order.cancelledAt() != null ? settings.cancelledStageName() : settings.stageName());
        put(fields, f.closeDate(), ordered.plusDays(settings.closeDateOffsetDays()).toString());
        put(fields, f.amount(), order.totalPrice());
        put(fields, f.currency(), order.currency());
        put(fields, f.description(), fit(description(order), SalesforceText.DESCRIPTION));
        // always with seconds (OffsetDateTime.toString drops ":00"), the form Salesforce documents for datetimes
        put(fields, f.shopifyUpdatedAt(), order.updatedAt() == null ? null
                : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(order.updatedAt()));
        return new Upsert(f.object(), f.externalId(), Long.toString(order.id()), fields);
    }

    /** One line per order line, so the sales team sees what was bought without opening Shopify. */
    static String description(ShopifyOrder order) {
        if (order.lineItems().isEmpty()) {
            return null;
        }
        return order.lineItems().stream().map(OrderMapping::line).collect(Collectors.joining("\n"));
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

    /** Skips absent values and fields the org does not map (empty field name). */
    private static void put(Map<String, Object> fields, String field, Object value) {
        if (field != null && !field.isBlank() && value != null) {
            fields.put(field, value);
        }
    }
}

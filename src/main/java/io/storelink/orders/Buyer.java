package io.storelink.orders;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.storelink.shopify.model.ShopifyAddress;
import io.storelink.shopify.model.ShopifyCustomer;
import io.storelink.shopify.model.ShopifyOrder;

/**
 * Who placed an order, resolved from whatever the payload has. The rules (documented in README.md):
 * <ul>
 * <li>a customer object with an id: keyed by the customer id;</li>
 * <li>a guest checkout with an email: keyed by the lower-cased email, so a returning guest is one Contact;</li>
 * <li>a guest without an email (e.g. point of sale): anonymous, no Contact.</li>
 * </ul>
 * Names come from the customer, else from the customer's default address, else the billing address, else the
 * shipping address. The address is the customer's default address, else the billing address.
 */
public record Buyer(Kind kind, String key, String firstName, String lastName, String email, String phone,
        ShopifyAddress address) {

    public enum Kind { CUSTOMER, GUEST, ANONYMOUS }

    public static Buyer of(ShopifyOrder order) {
        ShopifyCustomer customer = order.customer();
        ShopifyAddress defaultAddress = customer == null ? null : customer.defaultAddress();
        ShopifyAddress address = defaultAddress != null ? defaultAddress : order.billingAddress();

        String first = customer == null ? null : blankToNull(customer.firstName());
        String last = customer == null ? null : blankToNull(customer.lastName());
        if (first == null && last == null) {
            ShopifyAddress named = Stream.of(defaultAddress, order.billingAddress(), order.shippingAddress())
                    .filter(a -> a != null && (blankToNull(a.firstName()) != null || blankToNull(a.lastName()) != null))
                    .findFirst().orElse(null);
            if (named != null) {
                first = blankToNull(named.firstName());
                last = blankToNull(named.lastName());
            }
        }
        String email = firstPresent(customer == null ? null : customer.email(), order.email());
        String phone = firstPresent(customer == null ? null : customer.phone(), order.phone(),
                address == null ? null : address.phone());

        if (customer != null && customer.id() != null) {
            return new Buyer(Kind.CUSTOMER, Long.toString(customer.id()), first, last, email, phone, address);
        }
        if (email != null) {
            return new Buyer(Kind.GUEST, email.toLowerCase(Locale.ROOT), first, last, email, phone, address);
        }
        return new Buyer(Kind.ANONYMOUS, null, first, last, null, phone, address);
    }

    /**
     * The customer of customers/create or customers/update: keyed by its id, named by itself else its default address,
     * reached at its email and phone else its default address's phone.
     */
    public static Buyer of(ShopifyCustomer customer) {
        ShopifyAddress address = customer.defaultAddress();
        String first = blankToNull(customer.firstName());
        String last = blankToNull(customer.lastName());
        if (first == null && last == null && address != null) {
            first = blankToNull(address.firstName());
            last = blankToNull(address.lastName());
        }
        String phone = firstPresent(customer.phone(), address == null ? null : address.phone());
        return new Buyer(Kind.CUSTOMER, Long.toString(customer.id()), first, last, firstPresent(customer.email()), phone,
                address);
    }

    /** "First Last", or empty when Shopify has no name. */
    public Optional<String> displayName() {
        String name = Stream.of(firstName, lastName).filter(s -> s != null).reduce((a, b) -> a + " " + b).orElse(null);
        return Optional.ofNullable(name);
    }

    public Optional<String> company() {
        return Optional.ofNullable(address == null ? null : blankToNull(address.company()));
    }

    static String firstPresent(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.trim();
            }
        }
        return null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

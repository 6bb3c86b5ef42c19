package io.storelink.orders;

/**
 * What a record of the orders topic is about: an order, or a customer (customers/create, update, delete ride the
 * same topic with the same key, so a customer's order and customer events keep their relative order). Order and
 * customer ids are separate Shopify id spaces: the kind keeps them apart in the writer's version knowledge.
 */
public record Subject(Kind kind, long id) {

    public enum Kind { ORDER, CUSTOMER }

    public static Subject order(long id) {
        return new Subject(Kind.ORDER, id);
    }

    public static Subject customer(long id) {
        return new Subject(Kind.CUSTOMER, id);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id;
    }
}

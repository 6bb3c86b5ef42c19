package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A store's order history made on the fly, for volumes no fake can hold as JSON trees (an order is ~40 KB of heap):
 * {@code orders} orders of exactly {@code customers} customers (order i is customer i mod customers's), oldest first,
 * reproducible from the seed. Only the customers (what a repeat order needs of them) are kept. Each iteration starts
 * the same history again.
 */
public final class GeneratedHistory implements Iterable<ObjectNode> {

    private final long seed;
    private final int orders;
    private final int customers;
    private final Instant start;

    public GeneratedHistory(long seed, int orders, int customers, Instant start) {
        if (customers <= 0 || customers > orders) throw new IllegalArgumentException("1 <= customers <= orders");
        this.seed = seed;
        this.orders = orders;
        this.customers = customers;
        this.start = start;
    }

    public int orders() {
        return orders;
    }

    @Override
    public Iterator<ObjectNode> iterator() {
        OrderFactory factory = new OrderFactory(seed, start);
        ObjectNode[] buyers = new ObjectNode[customers];
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < orders;
            }

            @Override
            public ObjectNode next() {
                if (!hasNext()) throw new NoSuchElementException();
                int c = next++ % customers;
                if (buyers[c] == null) buyers[c] = buyer(factory.newCustomer());
                return factory.orderForCustomer(buyers[c]);
            }
        };
    }

    /** What orderForCustomer reads of a previous order: the customer and the addresses (the default one for both). */
    private static ObjectNode buyer(ObjectNode customer) {
        ObjectNode slim = JsonNodeFactory.instance.objectNode();
        slim.set("customer", customer);
        JsonNode address = customer.get("default_address");
        slim.set("billing_address", address.deepCopy());
        slim.set("shipping_address", address.deepCopy());
        return slim;
    }
}

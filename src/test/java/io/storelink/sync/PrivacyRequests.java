package io.storelink.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.fakes.salesforce.FakeSalesforce;

/**
 * The customer of a privacy test: an order whose buyer carries unique personal values (names, e-mail, phone,
 * company, address) in every place Shopify puts them, the privacy webhooks of Shopify's sample payloads adapted to
 * that customer, and the search of every field of every record of the Salesforce fake for those values.
 */
final class PrivacyRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("src/test/resources/shopify/privacy");
    /** Every object Storelink writes (and the inventory job's products). */
    static final List<String> OBJECTS = List.of("Account", "Contact", "Opportunity", "Product2");

    private PrivacyRequests() {
    }

    /** The personal values of a buyer, unique to this test run, by what they are. */
    static Map<String, String> personalValues(String nonce) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("first_name", "Firstname" + nonce);
        v.put("last_name", "Lastname" + nonce);
        v.put("email", "buyer" + nonce + "@example.com");
        v.put("phone", "+4930" + nonce.substring(Math.max(0, nonce.length() - 8)));
        v.put("company", "Company" + nonce);
        v.put("address1", "Street" + nonce + " 1");
        v.put("address2", "Floor" + nonce);
        v.put("city", "City" + nonce);
        v.put("zip", "Z" + nonce.substring(Math.max(0, nonce.length() - 6)));
        return v;
    }

    /** The order with the buyer's values everywhere Shopify carries them (customer, default, billing, shipping). */
    static ObjectNode withBuyer(ObjectNode order, Map<String, String> values) {
        ObjectNode customer = (ObjectNode) order.get("customer");
        customer.put("first_name", values.get("first_name")).put("last_name", values.get("last_name"))
                .put("email", values.get("email")).put("phone", values.get("phone"));
        order.put("email", values.get("email")).put("contact_email", values.get("email")).put("phone", values.get("phone"));
        List<ObjectNode> addresses = new ArrayList<>();
        if (customer.get("default_address") instanceof ObjectNode a) {
            addresses.add(a);
        } else {
            addresses.add(customer.putObject("default_address").put("country", "Germany").put("country_code", "DE"));
        }
        for (String name : List.of("billing_address", "shipping_address")) {
            if (order.get(name) instanceof ObjectNode a) {
                addresses.add(a);
            }
        }
        for (ObjectNode a : addresses) {
            for (String f : List.of("first_name", "last_name", "company", "address1", "address2", "city", "zip", "phone")) {
                a.put(f, values.get(f));
            }
            a.put("name", values.get("first_name") + " " + values.get("last_name"));
        }
        return order;
    }

    /** Shopify's sample payload of a privacy topic for this shop, customer and orders. */
    static byte[] payload(String sample, String shop, String customerId, String email, String phone, String ordersField,
                          List<String> orderIds) {
        try {
            ObjectNode p = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve(sample)));
            p.put("shop_domain", shop);
            if (p.get("customer") instanceof ObjectNode c) {
                c.put("id", Long.parseLong(customerId)).put("email", email).put("phone", phone);
            }
            if (ordersField != null) {
                ArrayNode orders = p.putArray(ordersField);
                orderIds.forEach(id -> orders.add(Long.parseLong(id)));
            }
            return JSON.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Object Id.Field = value" for every field of every record in the fake that contains one of the values. */
    static List<String> occurrences(FakeSalesforce salesforce, Iterable<String> values) {
        List<String> found = new ArrayList<>();
        for (String object : OBJECTS) {
            for (Map<String, Object> record : salesforce.records(object)) {
                record.forEach((field, value) -> {
                    for (String personal : values) {
                        if (value != null && String.valueOf(value).toLowerCase().contains(personal.toLowerCase())) {
                            found.add(object + " " + record.get("Id") + "." + field + " = " + value);
                        }
                    }
                });
            }
        }
        return found;
    }

    static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

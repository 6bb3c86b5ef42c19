package io.storelink.fakes.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Realistic Shopify {@code orders/create} webhook payloads, deterministic per seed (same seed, same
 * sequence of calls → byte-identical JSON).
 *
 * <p>What makes them realistic where it hurts: every id is a 64-bit number above 2^53 that a
 * {@code double} cannot hold; money is 2-decimal strings plus {@code *_set} objects whose
 * presentment half is in the buyer's currency (shop currency is EUR); totals add up exactly; and
 * {@link #nextOrder()} mixes ~35% repeat customers, ~15% guest checkouts (no or null
 * {@code customer}, some with {@code "email": ""}), ~25% companies, nameless customers, customers
 * without default address or without email/phone, and non-ASCII names across 11 countries.
 *
 * <p>Named builders for tests: {@link #companyOrder()}, {@link #guestOrder(String)},
 * {@link #namelessCustomerOrder()}, {@link #orderForCustomer(ObjectNode)}, {@link #largeOrder(int)};
 * {@link #updated} derives an {@code orders/updated} payload. {@link #live(long)} is for the sandbox.
 *
 * <p>Not thread-safe; use one instance per thread.
 */
public final class OrderFactory {

    /** The sandbox shop's time zone; Shopify writes timestamps in the shop's zone with its offset. */
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Berlin");
    /** Fixed start so that a seed alone fixes every byte, timestamps included. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-21T09:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final int CUSTOMER_POOL_LIMIT = 5_000; // bounds memory when the sandbox runs for hours
    private static final Map<String, String> ROMAJI = Map.of("太郎", "taro", "花子", "hanako", "さくら", "sakura",
            "山田", "yamada", "佐藤", "sato", "鈴木", "suzuki");

    private enum Kind { ORDER, CUSTOMER, LINE, ADDRESS, CHECKOUT, SHIPPING_LINE }

    private final Random rnd;
    private final long[] lastId = new long[Kind.values().length];
    private final List<ObjectNode> customers = new ArrayList<>(); // {customer, billing, shipping} per known customer
    private final Map<Long, Integer> customerSlot = new HashMap<>(); // customer id -> index in customers
    private int evictCursor;
    private final Set<String> usedEmails = new HashSet<>();
    private final boolean wallClock;
    private Instant clock;
    private int nextNumber = 1001;
    /** The recent orders' drafts and lines, so that an edit re-renders an order with its totals adding up. */
    private final Map<Long, Rendered> recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Rendered> eldest) {
            return size() > CUSTOMER_POOL_LIMIT; // bounds memory when the sandbox runs for hours
        }
    };
    private long lastEditId = 78_912_328_793_123_782L; // Shopify's sample order_edit id: the ids above 2^53 start here

    private record Rendered(Draft draft, List<Draft.Line> lines, Instant updatedAt) {}

    /**
     * An order edited in Shopify: {@code order} is the order as it is after the edit (a line added, totals and
     * {@code updated_at} moved), {@code payload} the orders/edited webhook Shopify sends for it (only the
     * {@code order_edit}, never the order).
     */
    public record Edit(ObjectNode order, ObjectNode payload) {}

    /** Reproducible: orders start at {@link #DEFAULT_START} and follow each other by 20 s to 10 min. */
    public OrderFactory(long seed) {
        this(seed, DEFAULT_START);
    }

    /** Reproducible, starting at {@code firstOrderAt} (e.g. older than 60 days for reconciliation tests). */
    public OrderFactory(long seed, Instant firstOrderAt) {
        this(seed, firstOrderAt, false);
    }

    /**
     * For the live sandbox store: {@code created_at} is the wall-clock time of each call (strictly
     * increasing), so records in the dev org carry today's dates. Ids and contents stay seeded.
     */
    public static OrderFactory live(long seed) {
        return new OrderFactory(seed, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1), true);
    }

    private OrderFactory(long seed, Instant firstOrderAt, boolean wallClock) {
        this.rnd = new Random(seed);
        this.clock = firstOrderAt;
        this.wallClock = wallClock;
        long[] bases = {820_982_911_946_154_508L, 7_070_512_334_891_020_001L, 1_166_330_224_155_870_001L,
                2_634_111_908_112_554_001L, 3_301_778_245_690_110_001L, 4_120_556_701_334_908_001L};
        for (Kind k : Kind.values()) lastId[k.ordinal()] = bases[k.ordinal()] + rnd.nextInt(1_000_000_000);
    }

    /** The next order of the realistic mix described on the class. */
    public ObjectNode nextOrder() {
        double r = rnd.nextDouble();
        if (r < 0.15) {
            Person p = person(market(), false);
            return render(guest(p, rnd.nextDouble() < 0.65 ? email(p) : null), lines());
        }
        if (r < 0.50 && !customers.isEmpty()) return orderForCustomer(pick(customers));
        double c = rnd.nextDouble();
        return render(newCustomer(market(), c < 0.30, rnd.nextDouble() < 0.07, rnd.nextDouble() < 0.08,
                rnd.nextDouble() < 0.06), lines());
    }

    /** A new customer whose default address, billing and shipping address carry a company name. */
    public ObjectNode companyOrder() {
        return render(newCustomer(market(), true, false, false, false), lines());
    }

    /**
     * A guest checkout: no customer (randomly {@code "customer": null} or no key at all).
     * {@code email == null} gives {@code "email": ""}, as Shopify sends when the buyer left none.
     */
    public ObjectNode guestOrder(String emailOrNull) {
        return render(guest(person(market(), false), emailOrNull), lines());
    }

    /** A customer with null first/last name everywhere (customer, default and order addresses). */
    public ObjectNode namelessCustomerOrder() {
        return render(newCustomer(market(), false, true, false, false), lines());
    }

    /**
     * A new order (new id and number, later timestamp) by the customer of {@code previousOrder}, who
     * keeps id, names, email and addresses. Also accepts the fixture order.json.
     *
     * @throws IllegalArgumentException if {@code previousOrder} is a guest checkout
     */
    public ObjectNode orderForCustomer(ObjectNode previousOrder) {
        JsonNode c = previousOrder.get("customer");
        if (c == null || !c.isObject()) throw new IllegalArgumentException("order has no customer (guest checkout)");
        ObjectNode customer = ((ObjectNode) c).deepCopy();
        ObjectNode billing = (ObjectNode) previousOrder.get("billing_address").deepCopy();
        JsonNode ship = previousOrder.get("shipping_address");
        ObjectNode shipping = ship != null && ship.isObject() ? (ObjectNode) ship.deepCopy() : billing.deepCopy();
        String email = customer.path("email").isTextual() ? customer.get("email").asText() : "";
        Market m = Market.byCountryCode(billing.path("country_code").asText());
        Draft.Buyer b = new Draft.Buyer(customer, true, email, text(customer.get("phone")), billing, shipping, m);
        return render(b, lines());
    }

    /**
     * An edit of one of this factory's recent orders, as a merchant makes it in the admin: one line of a product the
     * order does not have yet is added (or, when it has them all, one more of its first line). Edits build on each
     * other. The edit happens a few minutes after the order's last change (the wall-clock time, for the sandbox).
     *
     * @throws IllegalArgumentException for an order this factory did not make recently
     */
    public Edit edit(long orderId) {
        Rendered was = recent.get(orderId);
        if (was == null) throw new IllegalArgumentException("not a recent order of this factory: " + orderId);
        List<Draft.Line> lines = new ArrayList<>(was.lines());
        List<Catalog.Variant> unused = new ArrayList<>(Catalog.VARIANTS);
        lines.forEach(l -> unused.remove(l.variant()));
        Draft.Line changed;
        if (unused.isEmpty()) {
            Draft.Line first = lines.get(0);
            changed = new Draft.Line(first.id(), first.variant(), first.quantity() + 1, first.poLine());
            lines.set(0, changed);
        } else {
            changed = new Draft.Line(nextId(Kind.LINE), pick(unused), 1, null);
            lines.add(changed);
        }
        Instant at = wallClock ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : was.updatedAt().plus(Duration.ofMinutes(5));
        if (!at.isAfter(was.updatedAt())) at = was.updatedAt().plusSeconds(1);
        recent.put(orderId, new Rendered(was.draft(), List.copyOf(lines), at));
        ObjectNode order = OrderJson.render(was.draft(), lines);
        order.put("updated_at", timestamp(at));
        return new Edit(order, OrderEditPayload.of(lastEditId = awkward(lastEditId + 1_000_003), orderId, changed.id(), timestamp(at)));
    }

    /**
     * A customer who signed up in the store without ordering (yet): the customers/create payload, in Shopify's shape
     * (the customer object orders carry, with {@code addresses}). Later orders of this factory may be theirs.
     */
    public ObjectNode newCustomer() {
        Draft.Buyer b = newCustomer(market(), rnd.nextDouble() < 0.2, false, false, false); // with an address, as Shopify's sample
        ObjectNode customer = b.customer().deepCopy();
        String now = timestamp(wallClock ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : clock);
        customer.put("created_at", now).put("updated_at", now);
        b.customer().put("created_at", now).put("updated_at", now);
        var addresses = customer.putArray("addresses");
        if (customer.get("default_address") instanceof ObjectNode a) addresses.add(a.deepCopy());
        ObjectNode slim = JsonNodeFactory.instance.objectNode();
        slim.set("customer", b.customer());
        slim.set("billing_address", b.billing());
        slim.set("shipping_address", b.shipping());
        remember(slim);
        return customer;
    }

    /**
     * A bulk (B2B) order from a company customer with as many ordinary line items as it takes to be
     * about {@code targetBytes} long as compact JSON (within half a line item, ~1.5 KB; never fewer
     * than one line). Lines carry a "PO line" property, as purchase-order imports do.
     */
    public ObjectNode largeOrder(int targetBytes) {
        Draft d = draft(newCustomer(market(), true, false, false, false));
        List<Draft.Line> lines = new ArrayList<>();
        lines.add(bulkLine(1));
        int size = bytes(OrderJson.render(d, lines)).length;
        int base = size;
        while (size < targetBytes) {
            int perLine = lines.size() == 1 ? 1500 : Math.max(1, (size - base) / (lines.size() - 1));
            int more = Math.max(1, (targetBytes - size) / perLine);
            for (int i = 0; i < more; i++) lines.add(bulkLine(lines.size() + 1));
            size = bytes(OrderJson.render(d, lines)).length;
        }
        while (lines.size() > 1) { // drop trailing lines while that brings us closer to the target
            int without = bytes(OrderJson.render(d, lines.subList(0, lines.size() - 1))).length;
            if (Math.abs(without - targetBytes) >= Math.abs(size - targetBytes)) break;
            lines.remove(lines.size() - 1);
            size = without;
        }
        return remember(OrderJson.render(d, lines));
    }

    /** Compact UTF-8 JSON, exactly the bytes a webhook body would carry (and the HMAC covers). */
    public static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For {@code orders/updated}: a deep copy with {@code updated_at} moved {@code later} on, then
     * {@code change} applied to the copy. The original is left untouched.
     */
    public static ObjectNode updated(ObjectNode order, Duration later, Consumer<ObjectNode> change) {
        ObjectNode copy = order.deepCopy();
        Instant was = OffsetDateTime.parse(order.get("updated_at").asText()).toInstant();
        copy.put("updated_at", timestamp(was.plus(later)));
        change.accept(copy);
        return copy;
    }

    /** Shopify's timestamp format: shop zone, seconds, offset ("2026-11-21T10:00:00+01:00"). */
    static String timestamp(Instant t) {
        return TS.format(t.atZone(SHOP_ZONE));
    }

    /** Nudges an id off the double grid, so that any parse through a double visibly corrupts it. */
    static long awkward(long id) {
        return (long) (double) id == id ? id + 1 : id;
    }

    // ---- assembly -----------------------------------------------------------------------------

    private ObjectNode render(Draft.Buyer buyer, List<Draft.Line> lines) {
        Draft d = draft(buyer);
        recent.put(d.id(), new Rendered(d, List.copyOf(lines), d.createdAt()));
        return remember(OrderJson.render(d, lines));
    }

    private ObjectNode remember(ObjectNode order) {
        JsonNode c = order.get("customer");
        if (c != null && c.isObject()) {
            ObjectNode slim = JsonNodeFactory.instance.objectNode(); // only what orderForCustomer needs
            slim.set("customer", c.deepCopy());
            slim.set("billing_address", order.get("billing_address").deepCopy());
            slim.set("shipping_address", order.get("shipping_address").deepCopy());
            Integer slot = customerSlot.get(c.get("id").asLong());
            if (slot == null && customers.size() < CUSTOMER_POOL_LIMIT) {
                slot = customers.size();
                customers.add(slim);
            } else if (slot == null) { // full: overwrite the oldest slot
                slot = evictCursor++ % CUSTOMER_POOL_LIMIT;
                customerSlot.remove(customers.get(slot).at("/customer/id").asLong());
            }
            customers.set(slot, slim);
            customerSlot.put(c.get("id").asLong(), slot);
        }
        return order;
    }

    private Draft draft(Draft.Buyer buyer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock = !wallClock ? clock.plusSeconds(20 + rnd.nextInt(600))
                : now.isAfter(clock) ? now : clock.plusSeconds(1); // >1 order/s: keep created_at increasing
        Instant created = clock;
        if (buyer.customer() != null) buyer.customer().put("updated_at", timestamp(created));
        String code = null;
        BigDecimal pct = null, off = null;
        double r = rnd.nextDouble();
        if (r < 0.10) { code = "SAVE15"; pct = new BigDecimal("15"); }
        else if (r < 0.20) { code = "WELCOME10"; off = new BigDecimal("10.00"); }
        return new Draft(nextId(Kind.ORDER), nextNumber++, created, buyer, hex(32), hex(32), hex(32),
                nextId(Kind.CHECKOUT), nextId(Kind.SHIPPING_LINE), confirmation(), code, pct, off,
                rnd.nextDouble() < 0.9, "203.0.113." + (1 + rnd.nextInt(254)));
    }

    private List<Draft.Line> lines() {
        double r = rnd.nextDouble(); // 1 line 40%, 2: 25%, 3: 15%, 4: 10%, 5: 6%, 6: 4%
        int n = r < 0.40 ? 1 : r < 0.65 ? 2 : r < 0.80 ? 3 : r < 0.90 ? 4 : r < 0.96 ? 5 : 6;
        List<Catalog.Variant> pool = new ArrayList<>(Catalog.VARIANTS);
        List<Draft.Line> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double q = rnd.nextDouble();
            int qty = q < 0.7 ? 1 : q < 0.9 ? 2 : 3 + rnd.nextInt(3);
            lines.add(new Draft.Line(nextId(Kind.LINE), pool.remove(rnd.nextInt(pool.size())), qty, null));
        }
        return lines;
    }

    private Draft.Line bulkLine(int n) {
        Catalog.Variant v = Catalog.VARIANTS.get(rnd.nextInt(Catalog.VARIANTS.size()));
        return new Draft.Line(nextId(Kind.LINE), v, 1 + rnd.nextInt(24), String.format("PO-%05d/%03d", 40000 + nextNumber, n));
    }

    // ---- people ----------------------------------------------------------------------------------

    private record Person(String first, String last, String company, Market market, Market.City city,
                          String address1, String address2, String phone) {}

    private Person person(Market m, boolean company) {
        Market.City city = pick(m.cities());
        // Japan: the street list is aligned with the city list, so 道玄坂 stays in 渋谷区.
        String street = m.countryCode().equals("JP") ? m.streets().get(m.cities().indexOf(city)) : pick(m.streets());
        String address1 = m.countryCode().equals("JP")
                ? street + " " + (1 + rnd.nextInt(5)) + "-" + (1 + rnd.nextInt(20)) + "-" + (1 + rnd.nextInt(9))
                : m.countryCode().equals("US") || m.countryCode().equals("GB") || m.countryCode().equals("FR")
                ? (1 + rnd.nextInt(200)) + " " + street : street + " " + (1 + rnd.nextInt(120));
        String address2 = rnd.nextDouble() < 0.2 ? (m.countryCode().equals("US") ? "Apt " : "") + (1 + rnd.nextInt(40)) + (m.countryCode().equals("US") ? "" : ". OG") : "";
        return new Person(pick(m.firstNames()), pick(m.lastNames()), company ? pick(m.companies()) : null, m, city,
                address1, address2, m.phonePrefix() + (1_000_000 + rnd.nextInt(9_000_000)));
    }

    private Draft.Buyer guest(Person p, String email) {
        ObjectNode billing = address(p, false);
        return new Draft.Buyer(null, rnd.nextBoolean(), email == null ? "" : email, null, billing, shipping(p, billing),
                p.market());
    }

    private Draft.Buyer newCustomer(Market m, boolean company, boolean nameless, boolean noDefaultAddress, boolean noContact) {
        Person p = person(m, company);
        long id = nextId(Kind.CUSTOMER);
        String email = noContact ? null : email(p);
        String phone = noContact || rnd.nextDouble() < 0.4 ? null : p.phone();
        Instant created = clock.minusSeconds(30 + rnd.nextInt(600));
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("id", id);
        c.put("email", email);
        c.put("created_at", timestamp(created));
        c.put("updated_at", timestamp(created));
        c.put("first_name", nameless ? null : p.first());
        c.put("last_name", nameless ? null : p.last());
        c.put("state", email == null ? "disabled" : "enabled");
        c.putNull("note");
        c.put("verified_email", email != null);
        c.putNull("multipass_identifier");
        c.put("tax_exempt", false);
        c.put("phone", phone);
        if (email == null) c.putNull("email_marketing_consent");
        else c.putObject("email_marketing_consent").put("state", rnd.nextBoolean() ? "subscribed" : "not_subscribed")
                .put("opt_in_level", "single_opt_in").put("consent_updated_at", timestamp(created));
        c.putNull("sms_marketing_consent");
        c.put("tags", "");
        c.put("currency", OrderJson.SHOP_CURRENCY);
        c.putArray("tax_exemptions");
        c.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
        ObjectNode billing = address(p, nameless);
        if (noContact) billing.putNull("phone");
        if (!noDefaultAddress) {
            ObjectNode da = JsonNodeFactory.instance.objectNode();
            da.put("id", nextId(Kind.ADDRESS)).put("customer_id", id);
            for (String f : List.of("first_name", "last_name", "company", "address1", "address2", "city", "province",
                    "country", "zip", "phone", "name", "province_code", "country_code")) da.set(f, billing.get(f));
            da.put("country_name", p.market().country()).put("default", true);
            c.set("default_address", da);
        }
        return new Draft.Buyer(c, true, email == null ? "" : email, phone, billing, shipping(p, billing), m);
    }

    /** Usually the billing address; 20% ship elsewhere (a gift to someone else in the same country). */
    private ObjectNode shipping(Person buyer, ObjectNode billing) {
        if (rnd.nextDouble() >= 0.2) return billing.deepCopy();
        return address(person(buyer.market(), false), false);
    }

    private ObjectNode address(Person p, boolean nameless) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        String first = nameless ? null : p.first(), last = nameless ? null : p.last();
        a.put("first_name", first).put("address1", p.address1()).put("phone", p.phone())
                .put("city", p.city().city()).put("zip", p.city().zip()).put("province", p.city().province())
                .put("country", p.market().country()).put("last_name", last).put("address2", p.address2())
                .put("company", p.company()).putNull("latitude").putNull("longitude")
                .put("name", String.join(" ", nonNull(first, last)))
                .put("country_code", p.market().countryCode()).put("province_code", p.city().provinceCode());
        return a;
    }

    /** first.last + 2 digits at an example.* domain (RFC 2606: never a real mailbox), unique per factory. */
    private int emailSerial;

    private String email(Person p) {
        String local = fold(p.first()).replace(" ", "") + "." + fold(p.last()).replace(" ", "");
        String[] domains = {"example.com", "example.org", "example.net"};
        String email;
        int tries = 0;
        do {
            // 270 two-digit variants per name run out in a long sandbox session: then count upwards instead
            String suffix = tries++ < 10 ? Integer.toString(10 + rnd.nextInt(90)) : Integer.toString(100 + emailSerial++);
            email = local + suffix + "@" + domains[rnd.nextInt(domains.length)];
        } while (!usedEmails.add(email));
        return email;
    }

    private static String fold(String name) {
        if (ROMAJI.containsKey(name)) return ROMAJI.get(name);
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
                .replace("Æ", "Ae").replace("ß", "ss").replace("đ", "d").replace("Đ", "D").replace("þ", "th")
                .replace("Þ", "Th").replace("ð", "d");
        return s.toLowerCase().replaceAll("[^a-z0-9 ]", "");
    }

    // ---- small helpers --------------------------------------------------------------------------

    private Market market() {
        return pick(Market.ALL);
    }

    private long nextId(Kind k) {
        long id = awkward(lastId[k.ordinal()] + 1_000_000 + rnd.nextInt(50_000_000));
        lastId[k.ordinal()] = id;
        return id;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(Character.forDigit(rnd.nextInt(16), 16));
        return sb.toString();
    }

    private String confirmation() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(9);
        for (int i = 0; i < 9; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String s : parts) if (s != null) out.add(s);
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}

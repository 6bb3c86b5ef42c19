package io.storelink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backfill benchmark's end-state check (bench/backfill-benchmark.sh): what the Salesforce fake holds against the
 * history the Shopify fake generated.
 *
 * <pre>
 * BenchBackfillCheck &lt;salesforce-control-url&gt; &lt;expected-file&gt; &lt;since&gt; &lt;until|-&gt; &lt;account-key-prefix&gt;
 * </pre>
 *
 * expected-file is {@link BenchShopify}'s (order id, customer id, created_at, total_price a line); the orders created
 * in [since, until) are the ones a backfill of that range must bring. Reads every Opportunity, Contact and Account
 * from {@link BenchSalesforce}'s {@code /rows} and prints {@code key=value} lines:
 * <ul>
 * <li>{@code expected_orders}, {@code expected_customers};</li>
 * <li>per object ({@code opportunities}, {@code contacts}, {@code accounts}): records, distinct external ids, and
 * {@code *_duplicates} (records minus distinct external ids, plus records without one);</li>
 * <li>{@code lost_orders} (an expected order without its Opportunity), {@code lost_customers} (without a Contact),
 * {@code lost_accounts} (without the Account {@code <prefix><customer id>}), {@code unexpected_*} (records of
 * external ids not in the history);</li>
 * <li>{@code wrong_links}: an Opportunity whose AccountId / ContactId is not its customer's Account / Contact, a
 * Contact whose AccountId is not its Account; {@code wrong_amounts}: an Opportunity whose Amount is not the order's
 * total_price;</li>
 * <li>{@code duplicates} and {@code lost}: the sums.</li>
 * </ul>
 */
public final class BenchBackfillCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchBackfillCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchBackfillCheck <salesforce-control-url> <expected-file> <since> <until|-> <account-key-prefix>");
            System.exit(2);
        }
        String control = args[0];
        Instant since = Instant.parse(args[2]);
        Instant until = args[3].equals("-") ? Instant.MAX : Instant.parse(args[3]);
        String prefix = args[4];

        Map<String, String[]> orders = new LinkedHashMap<>(); // order id -> customer id, total_price
        Set<String> customers = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t");
                Instant created = OffsetDateTime.parse(f[2]).toInstant();
                if (!created.isBefore(since) && created.isBefore(until)) {
                    orders.put(f[0], new String[] {f[1], f[3]});
                    customers.add(f[1]);
                }
            }
        }

        Map<String, Long> out = new LinkedHashMap<>();
        out.put("expected_orders", (long) orders.size());
        out.put("expected_customers", (long) customers.size());

        Table accounts = table(control, "Account", "External_Shopify_Account_ID__c", "Id");
        Table contacts = table(control, "Contact", "External_Shopify_ID__c", "Id", "AccountId");
        Table opportunities = table(control, "Opportunity", "External_Shopify_Order_ID__c", "Id", "AccountId", "ContactId", "Amount");
        long duplicates = 0;
        for (Table t : List.of(opportunities, contacts, accounts)) {
            out.put(t.plural, (long) t.records);
            out.put(t.plural + "_distinct", (long) t.byKey.size());
            out.put(t.plural + "_duplicates", t.duplicates());
            duplicates += t.duplicates();
        }

        long lostOrders = 0;
        long wrongLinks = 0;
        long wrongAmounts = 0;
        for (Map.Entry<String, String[]> e : orders.entrySet()) {
            String[] opportunity = opportunities.byKey.get(e.getKey());
            if (opportunity == null) {
                lostOrders++;
                continue;
            }
            String customer = e.getValue()[0];
            String[] account = accounts.byKey.get(prefix + customer);
            String[] contact = contacts.byKey.get(customer);
            if (account == null || !account[0].equals(opportunity[1]) || contact == null || !contact[0].equals(opportunity[2])) {
                wrongLinks++;
            }
            if (opportunity[3].isEmpty() || new BigDecimal(opportunity[3]).compareTo(new BigDecimal(e.getValue()[1])) != 0) {
                wrongAmounts++;
            }
        }
        long lostCustomers = 0;
        long lostAccounts = 0;
        for (String customer : customers) {
            String[] contact = contacts.byKey.get(customer);
            String[] account = accounts.byKey.get(prefix + customer);
            if (contact == null) {
                lostCustomers++;
            }
            if (account == null) {
                lostAccounts++;
            }
            if (contact != null && (account == null || !account[0].equals(contact[1]))) {
                wrongLinks++;
            }
        }
        Set<String> accountKeys = new HashSet<>();
        customers.forEach(c -> accountKeys.add(prefix + c));
        out.put("lost_orders", lostOrders);
        out.put("lost_customers", lostCustomers);
        out.put("lost_accounts", lostAccounts);
        out.put("unexpected_opportunities", opportunities.byKey.keySet().stream().filter(k -> !orders.containsKey(k)).count());
        out.put("unexpected_contacts", contacts.byKey.keySet().stream().filter(k -> !customers.contains(k)).count());
        out.put("unexpected_accounts", accounts.byKey.keySet().stream().filter(k -> !accountKeys.contains(k)).count());
        out.put("wrong_links", wrongLinks);
        out.put("wrong_amounts", wrongAmounts);
        out.put("duplicates", duplicates);
        out.put("lost", lostOrders + lostCustomers + lostAccounts);
        out.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /** An object's records by external id (the rest of each row: the other fields asked for, in order). */
    private static final class Table {
        final String plural;
        final Map<String, String[]> byKey = new HashMap<>();
        int records;

        Table(String plural) {
            this.plural = plural;
        }

        /** Records beyond one per external id (a record without one counts too). */
        long duplicates() {
            return records - byKey.size();
        }
    }

    private static Table table(String control, String object, String externalId, String... fields)
            throws IOException, InterruptedException {
        Table t = new Table(object.equals("Opportunity") ? "opportunities" : object.toLowerCase(java.util.Locale.ROOT) + "s");
        String all = externalId + "," + String.join(",", fields);
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(control + "/rows?object=" + object
                + "&fields=" + URLEncoder.encode(all, StandardCharsets.UTF_8))).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException("GET /rows of " + object + ": HTTP " + r.statusCode());
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                t.records++;
                if (f[0].isEmpty()) {
                    continue;
                }
                List<String> rest = new ArrayList<>(List.of(f).subList(1, f.length));
                t.byKey.put(f[0], rest.toArray(String[]::new));
            }
        }
        return t;
    }
}

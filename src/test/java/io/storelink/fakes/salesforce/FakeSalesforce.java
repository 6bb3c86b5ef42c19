package io.storelink.fakes.salesforce;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the Salesforce REST API on 127.0.0.1 for integration tests and the local sandbox.
 * This class owns the HTTP server and the gates every data call passes (session, metering, faults);
 * {@link RestApi} and friends implement the resources.
 */
public final class FakeSalesforce implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeSalesforce.class);
    private static final String JSON = "application/json;charset=UTF-8";
    private static final int THREADS = 8;

    public static final String GRANT_CLIENT_CREDENTIALS = "client_credentials";
    public static final String GRANT_PASSWORD = "password";
    public static final String GRANT_REFRESH_TOKEN = "refresh_token";
    public static final String GRANT_JWT_BEARER = OAuth.JWT_BEARER;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private final Schema schema = new Schema();
    private final SalesforceStore store = new SalesforceStore(schema);
    private final OAuth oauth = new OAuth();
    private final Meter meter = new Meter();
    private final AtomicLong otherIntegrations = new AtomicLong();
    private final Faults faults = new Faults(oauth::expireAll);
    private final ProductRules products = new ProductRules(store);
    private final RecordWriter writer = new RecordWriter(store, faults, products);
    private final RestApi rest = new RestApi(store, writer, () -> meter.calls() + otherIntegrations.get(), faults::isLimitExceeded);
    private final SandboxPages sandbox = new SandboxPages(this);
    private final BulkApi bulk = new BulkApi(store, writer);

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    static {
        // The JDK server writes headers and body separately; with Nagle on, every response waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FakeSalesforce(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "fake-salesforce-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps a test JVM or the sandbox alive
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        oauth.jwtAudiences(List.of(url)); // Camel's default audience is the login URL
        seedStandardPriceBook();
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static FakeSalesforce start(int port) {
        try {
            return new FakeSalesforce(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fake Salesforce on port " + port, e);
        }
    }

    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        bulk.close();
    }

    // ---- credentials ----

    public FakeSalesforce acceptClientCredentials(String clientId, String clientSecret) {
        oauth.acceptClientCredentials(clientId, clientSecret);
        return this;
    }

    public FakeSalesforce acceptPassword(String clientId, String clientSecret, String username, String passwordWithSecurityToken) {
        oauth.acceptPassword(clientId, clientSecret, username, passwordWithSecurityToken);
        return this;
    }

    /**
     * A user whose password works only with the security token appended (API logins from outside the org's trusted
     * IP ranges): the password alone gets 400 invalid_grant "authentication failure".
     */
    public FakeSalesforce acceptPasswordNeedingSecurityToken(String clientId, String clientSecret, String username,
                                                             String password, String securityToken) {
        return acceptPassword(clientId, clientSecret, username, password + securityToken);
    }

    /**
     * The refresh token flow for a Connected App: {@code refreshToken} logs in with {@code clientId}; a client_secret,
     * when sent, must be {@code clientSecret} (see {@link #requireSecretForRefreshTokenFlow}). An unknown or revoked
     * refresh token gets 400 invalid_grant "expired access/refresh token".
     */
    public FakeSalesforce acceptRefreshToken(String clientId, String clientSecret, String refreshToken) {
        oauth.acceptRefreshToken(clientId, clientSecret, refreshToken);
        return this;
    }

    /** The app's "Require Secret for Refresh Token Flow": without client_secret, 400 invalid_client. */
    public FakeSalesforce requireSecretForRefreshTokenFlow(String clientId) {
        oauth.requireSecretForRefreshToken(clientId);
        return this;
    }

    /** The refresh token no longer logs in (revoked by the user or an admin, or expired by the app's policy). */
    public void revokeRefreshToken(String refreshToken) {
        oauth.revokeRefreshToken(refreshToken);
    }

    /**
     * The JWT bearer flow for a Connected App whose uploaded certificate holds {@code certificateKey}: an RS256
     * assertion with iss = {@code clientId}, sub = one of the pre-approved usernames (others get invalid_grant
     * "user hasn't approved this consumer"), aud = an accepted audience ({@link #acceptJwtAudiences}), exp in the
     * future.
     */
    public FakeSalesforce acceptJwt(String clientId, PublicKey certificateKey, String... preApprovedUsernames) {
        oauth.acceptJwt(clientId, certificateKey, List.of(preApprovedUsernames));
        return this;
    }

    /** The audiences a JWT assertion may name (default: this fake's URL, as Camel's default is the login URL). */
    public FakeSalesforce acceptJwtAudiences(String... audiences) {
        oauth.jwtAudiences(List.of(audiences));
        return this;
    }

    // ---- login faults (each answers as Salesforce does, for the doctor to diagnose) ----

    /** While on, every login gets 400 invalid_grant "authentication failure". */
    public void rejectAllLogins(boolean reject) {
        oauth.rejectAll(reject);
    }

    /**
     * Plays login.salesforce.com / test.salesforce.com rather than the org's My Domain: client credentials get 400
     * invalid_grant "request not supported on this domain"; the other flows still work.
     */
    public void playGenericLoginHost(boolean generic) {
        oauth.genericLoginHost(generic);
    }

    /** The user's profile or the app restricts login IPs (or hours): every login gets 400 invalid_grant "ip restricted or invalid login hours". */
    public void restrictLoginIp(boolean restricted) {
        oauth.ipRestricted(restricted);
    }

    /** The user was deactivated: password and JWT logins as this user get 400 inactive_user "user is inactive". */
    public void deactivateUser(String username) {
        oauth.deactivate(username);
    }

    /**
     * The flow is not enabled on the Connected App (e.g. "Enable Client Credentials Flow" unticked, or the org
     * blocks the username-password flow): its token requests get 400 unsupported_grant_type "grant type not supported".
     * {@code grantType} is the wire value: {@link #GRANT_CLIENT_CREDENTIALS}, {@link #GRANT_PASSWORD},
     * {@link #GRANT_REFRESH_TOKEN} or {@link #GRANT_JWT_BEARER}.
     */
    public void disableFlow(String grantType) {
        oauth.disableGrant(grantType);
    }

    // ---- state ----

    /** Copies of all records of {@code sObject} in creation order, each with Id, CreatedDate and LastModifiedDate. */
    public List<Map<String, Object>> records(String sObject) {
        String name = objectName(sObject);
        return store.locked(() -> store.all(name).stream().map(Json::deepCopy).toList());
    }

    /** The first record whose field equals value (numbers by value, text exactly, ids in 15- or 18-char form). */
    public Optional<Map<String, Object>> find(String sObject, String field, Object value) {
        String name = objectName(sObject);
        Schema.Field f = schema.object(name).orElseThrow().field(field)
                .orElseThrow(() -> new IllegalArgumentException("unknown field " + sObject + "." + field));
        Object wanted = (f.type() == FieldType.ID || f.type() == FieldType.REFERENCE) && value instanceof String s
                ? SalesforceIds.normalize(s).orElse(s) : value;
        return store.locked(() -> store.findBy(name, f.name(), wanted, false).stream().findFirst().map(Json::deepCopy));
    }

    public int count(String sObject) {
        String name = objectName(sObject);
        return store.locked(() -> store.all(name).size());
    }

    /**
     * The given fields of every record of {@code sObject} in creation order, as text (a missing value as ""): what a
     * benchmark compares with what it sent, without copying whole records.
     */
    public List<List<String>> fieldValues(String sObject, List<String> fields) {
        String name = objectName(sObject);
        Schema.SObjectType type = schema.object(name).orElseThrow();
        List<String> canonical = fields.stream().map(f -> type.field(f).map(Schema.Field::name)
                .orElseThrow(() -> new IllegalArgumentException("unknown field " + sObject + "." + f))).toList();
        return store.locked(() -> store.all(name).stream().map(r -> canonical.stream()
                .map(f -> r.get(f) == null ? "" : String.valueOf(r.get(f))).toList()).toList());
    }

    /** Inserts a record through the same validation as the API (handy for seeding); returns its Id. */
    public String insert(String sObject, Map<String, Object> fields) {
        Schema.SObjectType type = schema.object(objectName(sObject)).orElseThrow();
        try {
            return store.locked(() -> writer.create(type, new LinkedHashMap<>(fields)).id());
        } catch (SfError e) {
            throw new IllegalArgumentException(e.errorCode + ": " + e.getMessage(), e);
        }
    }

    /** Drops all records. */
    public void clear() {
        store.clear();
        seedStandardPriceBook();
    }

    /** Every org has a Standard Price Book (Pricebook2, IsStandard); it is the one record clear() puts back. */
    private void seedStandardPriceBook() {
        store.locked(() -> {
            store.insert("Pricebook2", new LinkedHashMap<>(Map.of("Name", "Standard Price Book", "IsActive", true, "IsStandard", true)));
        });
    }

    public String standardPriceBookId() {
        return find("Pricebook2", "IsStandard", true).map(r -> r.get("Id").toString()).orElseThrow();
    }

    /**
     * A multi-currency org with these currencies (ISO codes; none: single currency again): CurrencyIsoCode on the
     * objects the bridge writes (a restricted picklist of the codes; on OpportunityLineItem read-only, the
     * Opportunity's), as describe shows it.
     */
    public FakeSalesforce multiCurrency(String... isoCodes) {
        List<String> objects = List.of("Account", "Contact", "Opportunity", "Product2", "PricebookEntry", "OpportunityLineItem");
        for (String object : objects) {
            if (isoCodes.length == 0) {
                schema.removeField(object, ProductRules.CURRENCY);
            } else {
                Schema.Field f = Schema.Field.of(ProductRules.CURRENCY, FieldType.PICKLIST).withLength(3);
                schema.addField(object, object.equals("OpportunityLineItem") ? f.readOnly() : f);
                schema.picklist(object, ProductRules.CURRENCY, isoCodes);
            }
        }
        products.currencies(List.of(isoCodes));
        return this;
    }

    /** Turns Person Accounts on (as Setup does, for good) and returns the Id of the person account record type. */
    public String enablePersonAccounts() {
        synchronized (store) {
            if (schema().object(PersonAccounts.RECORD_TYPE).isEmpty()) {
                PersonAccounts.enable(schema());
            }
        }
        return find(PersonAccounts.RECORD_TYPE, "DeveloperName", "PersonAccount").map(r -> String.valueOf(r.get("Id")))
                .orElseGet(() -> insert(PersonAccounts.RECORD_TYPE, Map.of("DeveloperName", "PersonAccount",
                        "SobjectType", "Account", "IsPersonType", true)));
    }

    public Schema schema() {
        return schema;
    }

    // ---- metering ----

    /** Counted REST calls: authenticated /services/data/vXX.X calls, a composite or collection counting once. */
    public long apiCalls() {
        return meter.calls();
    }

    /** Counted calls whose path contains {@code pathContains}, e.g. "/composite". */
    public long apiCalls(String pathContains) {
        return meter.calls(pathContains);
    }

    /** Successful token requests. */
    public long logins() {
        return meter.logins();
    }

    /**
     * Calls the org's other integrations made in the rolling 24 h: added to the usage that Sforce-Limit-Info and
     * /limits report (not to {@link #apiCalls()}), e.g. to bring the org near its allowance.
     */
    public FakeSalesforce otherIntegrationsUsage(long calls) {
        otherIntegrations.set(calls);
        return this;
    }

    /** Bulk API batches the org's other integrations used in the rolling 24 h: taken from /limits' DailyBulkApiBatches. */
    public FakeSalesforce otherIntegrationsBulkBatches(long batches) {
        bulk.otherBatches(batches);
        return this;
    }

    public void resetCounters() {
        meter.reset();
    }

    /** GETs of a Bulk API 2.0 job's info until it finishes (default 2: UploadComplete -> InProgress -> JobComplete). */
    public FakeSalesforce bulkPollsToComplete(int polls) {
        bulk.pollsToComplete(polls);
        return this;
    }

    /**
     * Bulk API 2.0 ingest jobs per object: jobs created, uploads, rows received by uploads, jobs closed
     * (UploadComplete) and their rows, rows processed and failed, jobs complete, failed and aborted.
     */
    public Map<String, Map<String, Long>> bulkIngestStats() {
        return bulk.ingestStats();
    }

    /** Bulk API 2.0 query jobs created. */
    public long bulkQueryJobs() {
        return bulk.queryJobs();
    }

    /** As {@link #bulkPollsToComplete} for ingest jobs only (query jobs keep theirs); 0 = the same as query jobs. */
    public FakeSalesforce ingestPollsToComplete(int polls) {
        bulk.ingestPollsToComplete(polls);
        return this;
    }

    /** Bulk API 2.0 query results in pages of at most {@code records} (Integer.MAX_VALUE: as maxRecords asks). */
    public FakeSalesforce bulkQueryPageLimit(int records) {
        bulk.queryPageLimit(records);
        return this;
    }

    public Faults faults() {
        return faults;
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            Reply reply;
            try {
                reply = route(method, path, query, body, headers(ex.getRequestHeaders()));
            } catch (RuntimeException e) {
                LOG.error("fake Salesforce failed on {} {}", method, path, e);
                reply = json(500, Fault.UNKNOWN_EXCEPTION.error().restBody(), Map.of());
            }
            send(ex, reply);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } finally {
            ex.close();
        }
    }

    private Reply route(String method, String path, String query, byte[] body, Map<String, String> headers) {
        if (path.equals("/services/oauth2/token")) {
            return method.equals("POST") ? token(query, body, headers) : json(405, oauthError("invalid_request", "must use HTTP POST"), Map.of());
        }
        if (path.equals("/services/oauth2/revoke")) {
            Map<String, String> params = form(query, body);
            OAuth.Result r = oauth.revoke(params.get("token"));
            return json(r.status(), r.body(), Map.of());
        }
        if (path.equals("/services/data") || path.equals("/services/data/")) {
            return json(200, versions(), Map.of()); // discovery: no session needed, not metered
        }
        if (path.startsWith("/services/data/v")) {
            return data(method, path, query, body, headers);
        }
        if (path.equals("/_sandbox") || path.equals("/_sandbox/")) {
            return new Reply(200, "text/html;charset=UTF-8", sandbox.html().getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (path.equals("/_sandbox/records")) {
            return json(200, sandbox.allRecords(), Map.of());
        }
        return json(404, SfError.notFound().restBody(), Map.of());
    }

    private Reply token(String query, byte[] body, Map<String, String> headers) {
        String auth = headers.get("authorization");
        String basic = null;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                basic = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return json(400, oauthError("invalid_client", "invalid client credentials"), Map.of());
            }
        }
        OAuth.Result r = oauth.token(form(query, body), basic, url);
        if (r.status() == 200) {
            meter.login();
        }
        return json(r.status(), r.body(), Map.of());
    }

    /** The gates every versioned data call passes: session, metering, then injected faults. */
    private Reply data(String method, String path, String query, byte[] body, Map<String, String> headers) {
        String token = bearer(headers.get("authorization"));
        if (!oauth.isValid(token)) {
            if (oauth.wasExpired(token)) {
                faults.served(Fault.INVALID_SESSION);
            }
            return withUsage(Fault.INVALID_SESSION.error(), meter.calls());
        }
        long used = meter.count(path);
        if (BulkApi.handles(path)) { // CSV bodies and replies: not the JSON resources below
            BulkApi.Reply r = bulk.handle(method, path, query, body, headers.get("content-type"));
            Map<String, String> h = new LinkedHashMap<>(r.headers());
            h.put("Sforce-Limit-Info", usage(used));
            return new Reply(r.status(), r.contentType(), r.body(), h);
        }
        Optional<ApiRequest> parsed = Optional.empty();
        SfError unparseable = null;
        try {
            parsed = ApiRequest.parse(method, query == null ? path : path + "?" + query, Json.parse(body), headers);
        } catch (SfError e) {
            unparseable = e; // still a counted call that faults may hit
        }
        String root = parsed.map(r -> r.segment(0)).orElse(null);
        boolean batch = "composite".equals(root);
        Optional<Fault> fault = faults.draw("limits".equals(root), body == null ? "" : new String(body, StandardCharsets.UTF_8));
        boolean lockFault = false;
        if (fault.isPresent()) {
            // a lock failure inside a composite/collection is reported per subrequest/record, as Salesforce does
            if (fault.get() == Fault.UNABLE_TO_LOCK_ROW && batch) {
                lockFault = true;
            } else {
                Reply r = withUsage(fault.get().error(), used);
                if (fault.get() == Fault.TOO_MANY_REQUESTS) {
                    r.headers().put("Retry-After", "1");
                }
                return r;
            }
        }
        if (unparseable != null) {
            return withUsage(unparseable, used);
        }
        if (parsed.isEmpty()) {
            return withUsage(SfError.notFound(), used);
        }
        ApiResponse response = rest.handle(parsed.get(), lockFault);
        if ("limits".equals(root) && response.status() == 200) {
            bulk.addLimits(response.body());
        }
        Map<String, String> h = new LinkedHashMap<>(response.headers());
        h.put("Sforce-Limit-Info", usage(used));
        return json(response.status(), response.body(), h);
    }

    private Reply withUsage(SfError e, long used) {
        Map<String, String> h = new HashMap<>();
        h.put("Sforce-Limit-Info", usage(used));
        return json(e.status, e.restBody(), h);
    }

    private String usage(long used) {
        return "api-usage=" + (used + otherIntegrations.get()) + "/" + RestApi.DAILY_MAX;
    }

    /** GET /services/data/: the versions this fake serves, oldest first like Salesforce lists them. */
    private static List<Map<String, Object>> versions() {
        String[] labels = {"Winter '23", "Spring '23", "Summer '23", "Winter '24", "Spring '24", "Summer '24",
                "Winter '25", "Spring '25", "Summer '25", "Winter '26", "Spring '26"};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            String v = (56 + i) + ".0";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", labels[i]);
            m.put("url", "/services/data/v" + v);
            m.put("version", v);
            out.add(m);
        }
        return out;
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        for (String prefix : List.of("Bearer ", "OAuth ")) { // camel's security handler retries with "OAuth <token>"
            if (authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return authorization.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    private static Map<String, String> form(String query, byte[] body) {
        Map<String, String> params = ApiRequest.parseQuery(new String(body, StandardCharsets.UTF_8));
        ApiRequest.parseQuery(query).forEach(params::putIfAbsent);
        return params;
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        return m;
    }

    private static Map<String, String> headers(Headers h) {
        Map<String, String> out = new HashMap<>();
        h.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return out;
    }

    private static Reply json(int status, Object body, Map<String, String> headers) {
        return new Reply(status, JSON, body == null ? null : Json.write(body), new LinkedHashMap<>(headers));
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean empty = reply.body() == null || reply.status() == 204;
        if (!empty) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        ex.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            ex.getResponseBody().write(reply.body());
        }
    }

    private String objectName(String sObject) {
        return schema.object(sObject).map(Schema.SObjectType::name)
                .orElseThrow(() -> new IllegalArgumentException("unknown sObject " + sObject));
    }
}

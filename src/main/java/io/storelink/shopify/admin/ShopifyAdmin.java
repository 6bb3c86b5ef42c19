package io.storelink.shopify.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.config.ShopifySettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shopify Admin GraphQL client over camel-http. The loop around the call is ours because every response must be
 * inspected for Shopify's cost-based throttling: before a call it waits until the bucket (as last reported) holds
 * the cost the call will be charged up front ({@link PageSizes#expectedCost}); on THROTTLED (HTTP 200 or 429) it waits {@code (cost - available) /
 * restoreRate} and retries. 5xx and connection failures are retried a few times; a refused token or scope is an
 * {@link ShopifyAccessException}.
 * <p>
 * The jobs share the store's bucket. A caller waits for the full cost its page will be charged up front and takes
 * it before anyone else may: the wait happens inside a fair lock, so a job that waited gets its turn instead of
 * losing the refilled points to a job that asks again and again. Page sizes follow the reported bucket
 * ({@link PageSizes}); a page the bucket can never hold is a {@link PageTooCostlyException} for {@link Pages} to shrink.
 */
@Component
public class ShopifyAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyAdmin.class);
    private static final Pattern OPERATION = Pattern.compile("\\b(?:query|mutation)\\s+(\\w+)");
    private static final Pattern SCOPE = Pattern.compile("\\b((?:read|write)_[a-z_]+)\\b");

    private final ShopifySettings shopify;
    private final ShopifyAdminSettings settings;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ProducerTemplate http;
    private final CostBucket bucket = new CostBucket(System::nanoTime);
    private final PageSizes pageSizes = new PageSizes();
    private final ReentrantLock turns = new ReentrantLock(true); // first come, first served for the bucket

    public ShopifyAdmin(ShopifySettings shopify, ShopifyAdminSettings settings, ObjectMapper json, MeterRegistry meters,
                        ProducerTemplate http) {
        this.shopify = shopify;
        this.settings = settings;
        this.json = json;
        this.meters = meters;
        this.http = http;
        io.micrometer.core.instrument.Gauge.builder("storelink.shopify.cost.available", bucket, CostBucket::reportedAvailable)
                .description("Shopify Admin API cost points available, as last reported (throttleStatus)").register(meters);
    }

    /** Runs the named document ({@link GraphqlDocuments}) and returns its {@code data}. */
    public JsonNode query(String documentName, Map<String, Object> variables) {
        String document = GraphqlDocuments.load(documentName);
        String operation = operationName(document, documentName);
        byte[] body = body(document, variables);
        int throttled = 0;
        int failures = 0;
        while (true) {
            Reply reply = callInTurn(operation, pageSizes.expectedCost(operation, variables.get("first")), body);
            Message response = reply.message();
            if (response == null || response.getExchange().getException() != null) {
                Exception e = response == null ? null : response.getExchange().getException();
                String why = e == null ? "no answer" : e.getClass().getSimpleName();
                if (failures++ < settings.transientRetries()) {
                    backOff(operation, failures, why);
                    continue;
                }
                throw new ShopifyAdminException("Shopify Admin API unreachable (" + operation + "): " + why, e);
            }
            int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            byte[] answerBytes = response.getBody(byte[].class);
            meters.counter("storelink.shopify.calls", "operation", operation, "status", Integer.toString(status)).increment();
            if (status == 401) {
                throw new ShopifyAccessException("Shopify refused the Admin API access token (401). Check " + shopify.tokenVariable() + " and that the app is installed on "
                        + shopify.storeDomain(), null);
            }
            if (status == 403) {
                String scope = firstScope(answerBytes == null ? "" : new String(answerBytes, StandardCharsets.UTF_8));
                throw new ShopifyAccessException("Shopify refused " + operation + " (403)"
                        + (scope == null ? "; check the app's Admin API scopes" : ": the app needs the " + scope + " scope"), scope);
            }
            if (status >= 500) {
                if (failures++ < settings.transientRetries()) {
                    backOff(operation, failures, "HTTP " + status);
                    continue;
                }
                throw new ShopifyAdminException("Shopify Admin API answered HTTP " + status + " to " + operation);
            }
            JsonNode answer = reply.json();
            if (answer == null) {
                throw new ShopifyAdminException("Shopify answered " + operation + " with HTTP " + status + " and a body that is not JSON");
            }
            JsonNode cost = answer.path("extensions").path("cost");
            double requested = cost.path("requestedQueryCost").asDouble(0);
            pageSizes.record(operation, variables.get("first"), requested);
            JsonNode tooCostly = error(answer, "MAX_COST_EXCEEDED");
            if (tooCostly != null) {
                pageSizes.record(operation, variables.get("first"), tooCostly.path("extensions").path("cost").asDouble(requested));
                throw new PageTooCostlyException("Shopify refused " + operation + ": " + tooCostly.path("message").asText());
            }
            if (status == 429 || hasError(answer, "THROTTLED")) {
                meters.counter("storelink.shopify.throttled", "operation", operation).increment();
                double maximum = bucket.maximum();
                if (requested > 0 && requested > maximum) {
                    throw new PageTooCostlyException("Shopify throttled " + operation + ": it asks " + Math.round(requested)
                            + " points, the bucket holds at most " + Math.round(maximum));
                }
                if (++throttled > settings.maxThrottledRetries()) {
                    throw new ShopifyAdminException("Shopify kept throttling " + operation + " (" + throttled + " THROTTLED answers in a row)");
                }
                LOG.debug("Shopify throttled {}; waiting for the bucket", operation);
                continue; // the loop's first step waits (cost - available) / restoreRate
            }
            if (status != 200) {
                throw new ShopifyAdminException("Shopify Admin API answered HTTP " + status + " to " + operation);
            }
            JsonNode denied = error(answer, "ACCESS_DENIED");
            if (denied != null) {
                String scope = firstScope(denied.path("extensions").path("requiredAccess").asText(denied.path("message").asText()));
                throw new ShopifyAccessException("Shopify denied " + operation + ": the app needs the "
                        + (scope == null ? "scope named in Shopify's answer: " + denied.path("message").asText() : scope + " scope"), scope);
            }
            if (answer.path("errors").size() > 0) {
                // validation errors and MAX_COST_EXCEEDED: a bug in the document or page size, not worth a retry
                throw new ShopifyAdminException("Shopify rejected " + operation + ": " + answer.path("errors").get(0).path("message").asText());
            }
            return answer.path("data");
        }
    }

    /**
     * One call in this process's turn: inside the fair lock it waits until the bucket holds {@code expected} points,
     * sends, and takes the bucket Shopify reports, so a caller that waited is not overtaken by later ones and no
     * estimate misses a charge still in flight (calls overlapping on one bucket drew THROTTLED answers). One call at a
     * time costs nothing here: the restore rate, not the latency, bounds what the jobs can read.
     */
    private Reply callInTurn(String operation, double expected, byte[] body) {
        turns.lock();
        try {
            long wait = bucket.millisUntil(expected);
            if (wait > 0) {
                meters.timer("storelink.shopify.bucket.waits", "operation", operation).record(Duration.ofMillis(wait));
                sleep(wait);
            }
            bucket.spend(expected);
            Message response = post(body);
            JsonNode answer = null;
            if (response != null && response.getExchange().getException() == null) {
                byte[] bytes = response.getBody(byte[].class);
                response.setBody(bytes);
                answer = parseOrNull(bytes);
                bucket.record(answer == null ? null : answer.path("extensions").path("cost"));
            }
            return new Reply(response, answer);
        } finally {
            turns.unlock();
        }
    }

    /** A call's answer: the message (null without one) and its body as JSON (null when it is not JSON). */
    private record Reply(Message message, JsonNode json) {
    }

    private JsonNode parseOrNull(byte[] body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (IOException e) {
            return null; // the caller reports a body that is not JSON where it needs one
        }
    }

    /** The cost bucket as Shopify last reported it; null until a call has been answered. */
    public BucketStatus bucketStatus() {
        return bucket.status();
    }

    /** The page size for {@code documentName} that the bucket Shopify reported can hold, at most {@code ceiling}. */
    int pageSize(String documentName, int ceiling) {
        return pageSizes.fitting(operationName(GraphqlDocuments.load(documentName), documentName), ceiling, bucket.maximum());
    }

    /** Every node of a paginated connection: {@code connectionPath} like {@code orders} or {@code location.inventoryLevels}. */
    public Pages pages(String documentName, Map<String, Object> variables, String connectionPath) {
        return new Pages(this, documentName, new HashMap<>(variables), connectionPath.split("\\."));
    }

    /** One POST; the answer whatever its status (the loop above decides), or an exchange holding the failure. */
    private Message post(byte[] body) {
        long timeout = settings.requestTimeout().toMillis();
        String uri = shopify.storeUrl() + "/admin/api/" + settings.apiVersion() + "/graphql.json"
                + "?throwExceptionOnFailure=false&connectTimeout=10000&responseTimeout=" + timeout
                + "&connectionRequestTimeout=" + timeout;
        Exchange done = http.send(uri, exchange -> {
            Message out = exchange.getIn();
            out.setHeader(Exchange.HTTP_METHOD, "POST");
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setHeader("Accept", "application/json");
            out.setHeader("X-Shopify-Access-Token", shopify.adminApiAccessToken());
            out.setBody(body);
        });
        return done == null ? null : done.getMessage();
    }

    private byte[] body(String document, Map<String, Object> variables) {
        try {
            return json.writeValueAsBytes(Map.of("query", document, "variables", variables));
        } catch (IOException e) {
            throw new ShopifyAdminException("cannot serialise GraphQL variables", e);
        }
    }

    private static boolean hasError(JsonNode answer, String code) {
        return error(answer, code) != null;
    }

    private static JsonNode error(JsonNode answer, String code) {
        for (JsonNode e : answer.path("errors")) {
            if (code.equals(e.path("extensions").path("code").asText())) {
                return e;
            }
        }
        return null;
    }

    static String firstScope(String text) {
        Matcher m = SCOPE.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    static String operationName(String document, String fallback) {
        Matcher m = OPERATION.matcher(document);
        return m.find() ? m.group(1) : fallback;
    }

    private void backOff(String operation, int attempt, String why) {
        long millis = 1000L << Math.min(attempt - 1, 5);
        LOG.warn("Shopify Admin API call {} failed ({}); retry {} of {} in {} ms", operation, why, attempt, settings.transientRetries(), millis);
        sleep(millis);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyAdminException("interrupted while waiting for Shopify's cost bucket", e);
        }
    }
}

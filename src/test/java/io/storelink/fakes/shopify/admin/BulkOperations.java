package io.storelink.fakes.shopify.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.storelink.fakes.shopify.admin.OrderView.typed;

/**
 * The shop's bulk query operations: their state machine, their result files and the faults tests inject.
 * <p>
 * An operation is CREATED by {@code bulkOperationRunQuery}; every read of it ({@code bulkOperation(id:)},
 * {@code currentBulkOperation}, {@code node(id:)}) is one poll. The first poll makes it RUNNING and starts writing the
 * JSONL (in the background, to a temporary file: a large result is streamed to disk page by page, never held as one
 * string, and then streamed to the client); once the file is written and {@link #pollsToComplete} polls were made it
 * finishes: COMPLETED (or an injected FAILED / CANCELED). So tests drive it by polling, without sleeping.
 */
final class BulkOperations implements AutoCloseable {

    static final String FILE_PATH = "/bulk-results/";
    /** Shopify on 2026-01+: five bulk query operations at a time per shop (events-and-history.md A). */
    static final int DEFAULT_CONCURRENT = 5;

    private enum Status { CREATED, RUNNING, COMPLETED, FAILED, CANCELING, CANCELED, EXPIRED }

    /** An injected ending for the next operation; {@code partialRoots} < 0: no partialDataUrl. */
    private record Fault(String status, String errorCode, long partialRoots) {}

    private static final class Op {
        final long id;
        final String query;
        final BulkQueryRules.Accepted accepted;
        final boolean grouped;
        final RequestContext context;
        final Instant createdAt = Instant.now();
        final Fault fault;
        Status status = Status.CREATED;
        String errorCode;
        Instant completedAt;
        long objects;
        long roots;
        Long fileSize;
        Path file;
        String fileToken; // the link's name; kept when the link expires, so the old link answers 403
        String partialToken;
        int polls;
        Future<BulkJsonl.Written> writing;

        Op(long id, String query, BulkQueryRules.Accepted accepted, boolean grouped, RequestContext context, Fault fault) {
            this.id = id;
            this.query = query;
            this.accepted = accepted;
            this.grouped = grouped;
            this.context = context;
            this.fault = fault;
        }

        String gid() {
            return "gid://shopify/BulkOperation/" + id;
        }

        boolean active() {
            return status == Status.CREATED || status == Status.RUNNING || status == Status.CANCELING;
        }
    }

    private final Map<Long, Op> ops = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>(); // url token -> file
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-shopify-bulk-writer");
        t.setDaemon(true);
        return t;
    });
    private Path dir; // made with the first operation: most fakes never run one
    private long nextId = 720_918L;
    private String baseUrl = "http://127.0.0.1";
    private int pollsToComplete = 2;
    private int concurrent = DEFAULT_CONCURRENT;
    private Fault nextFault;
    private Iterable<ObjectNode> source;
    private final java.util.concurrent.atomic.AtomicLong downloads = new java.util.concurrent.atomic.AtomicLong();

    private Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("fake-shopify-bulk");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    // ---- configuration (FakeShopifyAdmin's methods) ----

    synchronized void baseUrl(String url) {
        this.baseUrl = url;
    }

    synchronized void pollsToComplete(int polls) {
        this.pollsToComplete = Math.max(1, polls);
    }

    /** Operations from now on read these orders (oldest first) instead of the shop's; null: the shop's again. */
    synchronized void source(Iterable<ObjectNode> orders) {
        this.source = orders;
    }

    synchronized void concurrent(int max) {
        this.concurrent = max;
    }

    synchronized void failNext(String errorCode, long partialRoots) {
        if (!List.of("ACCESS_DENIED", "INTERNAL_SERVER_ERROR", "TIMEOUT").contains(errorCode)) {
            throw new IllegalArgumentException("not a BulkOperationErrorCode: " + errorCode);
        }
        nextFault = new Fault("FAILED", errorCode, partialRoots);
    }

    /** Shopify cancels the next operation itself (it does so with stalled ones). */
    synchronized void cancelNext() {
        nextFault = new Fault("CANCELED", null, -1);
    }

    /** The operation's URL expires: status EXPIRED, the file link answers 403. */
    synchronized void expire(String gid) {
        Op op = byGid(gid);
        if (op == null) throw new IllegalArgumentException("no bulk operation " + gid);
        op.status = Status.EXPIRED;
        files.remove(op.fileToken);
        files.remove(op.partialToken);
    }

    /** Operations created (bulkOperationRunQuery answered with an operation). */
    synchronized long created() {
        return ops.size();
    }

    /** GETs of a result link answered with the file. */
    long downloads() {
        return downloads.get();
    }

    // ---- GraphQL ----

    synchronized Map<String, Object> run(String query, boolean groupObjects, RequestContext context) {
        long active = ops.values().stream().filter(Op::active).count();
        if (active >= concurrent) {
            // UNCONFIRMED which code Shopify gives beyond the 5-operation cap of 2026-01+; before 2026-01 (one at a time)
            // it is OPERATION_IN_PROGRESS. LIMIT_REACHED's documented text fits "too many" best.
            return concurrent == 1
                    ? payload(null, userError("OPERATION_IN_PROGRESS", "A bulk query operation for this app and shop is already in progress: "
                            + ops.values().stream().filter(Op::active).findFirst().map(Op::gid).orElse("") + "."))
                    : payload(null, userError("LIMIT_REACHED", "Bulk operations limit reached. Please try again later."));
        }
        BulkQueryRules.Verdict verdict = BulkQueryRules.check(query);
        if (verdict.problem() != null) {
            return payload(null, userError("INVALID", verdict.problem()));
        }
        Op op = new Op(nextId++, query, verdict.accepted(), groupObjects, context, nextFault);
        nextFault = null;
        ops.put(op.id, op);
        return payload(view(op), null);
    }

    /** One poll of the operation; null when unknown. */
    synchronized Map<String, Object> poll(String gid) {
        Op op = byGid(gid);
        if (op == null) return null;
        advance(op);
        return view(op);
    }

    /** The shop's most recent operation of the type (the fake models QUERY only). */
    synchronized Map<String, Object> current(String type) {
        if (!"QUERY".equals(type)) return null;
        Op last = null;
        for (Op op : ops.values()) last = op;
        if (last == null) return null;
        advance(last);
        return view(last);
    }

    synchronized Map<String, Object> cancel(String gid) {
        Op op = byGid(gid);
        if (op == null) return cancelPayload(null, "Bulk operation does not exist");
        if (!op.active()) {
            // UNCONFIRMED wording.
            return cancelPayload(view(op), "A bulk operation cannot be canceled when it is " + op.status.name().toLowerCase() + ".");
        }
        op.status = Status.CANCELING;
        return cancelPayload(view(op), null);
    }

    // ---- the file ----

    /** GET of a result link: the JSONL streamed from disk, or 403 once expired (GCS-style body, UNCONFIRMED). */
    void serve(HttpExchange ex, String path) throws IOException {
        String token = path.substring(FILE_PATH.length());
        Path file;
        synchronized (this) {
            file = files.get(token);
        }
        if (file == null || !Files.exists(file)) {
            byte[] body = ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
                    + "<Message>Access denied.</Message></Error>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
            ex.sendResponseHeaders(403, body.length);
            ex.getResponseBody().write(body);
            return;
        }
        downloads.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", "application/jsonl");
        ex.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    @Override
    public synchronized void close() {
        writer.shutdownNow();
        if (dir == null) return;
        try (var paths = Files.list(dir)) {
            for (Path p : paths.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // temporary files; the OS cleans up
        }
    }

    // ---- the state machine ----

    private void advance(Op op) {
        op.polls++;
        switch (op.status) {
            case CREATED -> {
                op.status = Status.RUNNING;
                long max = op.fault != null && op.fault.partialRoots() >= 0 ? op.fault.partialRoots() : Long.MAX_VALUE;
                op.file = dir().resolve(op.id + ".jsonl");
                Path target = op.file;
                Iterable<ObjectNode> orders = source;
                op.writing = writer.submit(() -> {
                    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                        return new BulkJsonl(op.accepted, op.grouped, op.context, orders).write(out, max);
                    }
                });
            }
            case RUNNING -> {
                if (op.polls >= pollsToComplete && op.writing.isDone()) finish(op);
            }
            case CANCELING -> {
                op.status = Status.CANCELED;
                op.completedAt = Instant.now();
            }
            default -> { }
        }
    }

    private void finish(Op op) {
        op.completedAt = Instant.now();
        BulkJsonl.Written written;
        try {
            written = op.writing.get();
        } catch (Exception e) {
            op.status = Status.FAILED;
            op.errorCode = "INTERNAL_SERVER_ERROR";
            throw new IllegalStateException("fake bulk operation " + op.gid() + " could not be written", e);
        }
        if (written.accessDenied()) {
            op.status = Status.FAILED;
            op.errorCode = "ACCESS_DENIED";
            return;
        }
        op.objects = written.objects();
        op.roots = written.roots();
        if (op.fault != null) {
            op.status = Status.valueOf(op.fault.status());
            op.errorCode = op.fault.errorCode();
            if (op.fault.partialRoots() >= 0 && written.objects() > 0) {
                op.fileSize = written.bytes();
                op.partialToken = publish(op.file);
            }
            return;
        }
        op.status = Status.COMPLETED;
        if (written.objects() > 0) { // "If the query returns no results, url is null"
            op.fileSize = written.bytes();
            op.fileToken = publish(op.file);
        }
    }

    private Map<String, Object> view(Op op) {
        Map<String, Object> m = typed("BulkOperation");
        m.put("id", op.gid());
        m.put("type", "QUERY");
        m.put("status", op.status.name());
        m.put("errorCode", op.errorCode);
        m.put("createdAt", Times.utc(op.createdAt));
        m.put("completedAt", op.completedAt == null ? null : Times.utc(op.completedAt));
        m.put("objectCount", Long.toString(op.objects)); // UnsignedInt64 is a JSON string
        m.put("rootObjectCount", Long.toString(op.roots));
        m.put("fileSize", op.fileSize == null ? null : Long.toString(op.fileSize));
        m.put("url", link(op.fileToken));
        m.put("partialDataUrl", link(op.partialToken));
        m.put("query", op.query);
        return m;
    }

    private String link(String token) {
        return token == null ? null : baseUrl + FILE_PATH + token;
    }

    /** A signed-looking link name for the file (Shopify's are signed storage URLs). */
    private String publish(Path file) {
        String token = UUID.randomUUID() + ".jsonl";
        files.put(token, file);
        return token;
    }

    private Op byGid(String gid) {
        String prefix = "gid://shopify/BulkOperation/";
        if (gid == null || !gid.startsWith(prefix)) return null;
        try {
            return ops.get(Long.parseLong(gid.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> userError(String code, String message) {
        Map<String, Object> e = typed("BulkOperationUserError");
        e.put("code", code);
        e.put("field", List.of("query"));
        e.put("message", message);
        return e;
    }

    private static Map<String, Object> payload(Map<String, Object> op, Map<String, Object> error) {
        Map<String, Object> m = typed("BulkOperationRunQueryPayload");
        m.put("bulkOperation", op);
        m.put("userErrors", error == null ? List.of() : List.of(error));
        return m;
    }

    private static Map<String, Object> cancelPayload(Map<String, Object> op, String message) {
        Map<String, Object> m = typed("BulkOperationCancelPayload");
        m.put("bulkOperation", op);
        List<Object> errors = new ArrayList<>();
        if (message != null) {
            Map<String, Object> e = typed("UserError");
            e.put("field", List.of("id"));
            e.put("message", message);
            errors.add(e);
        }
        m.put("userErrors", errors);
        return m;
    }
}

package io.storelink.fakes.salesforce;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Fault injection. Decisions for counted calls are made under one monitor so failNext/failRatio stay exact under concurrency. */
public final class Faults {

    private record Rejection(String sObject, String field, Object value, String errorCode, String message) {
    }

    private final Runnable expireSessions;
    private final Map<Fault, AtomicLong> served = new EnumMap<>(Fault.class);
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    private int nextCount;
    private int matchingCount;
    private Fault matchingFault;
    private String matchingText;
    private Fault nextFault;
    private double ratio;
    private Fault ratioFault;
    private Random random;
    private volatile boolean limitExceeded;

    Faults(Runnable expireSessions) {
        this.expireSessions = expireSessions;
        for (Fault f : Fault.values()) {
            served.put(f, new AtomicLong());
        }
    }

    /** The next {@code n} counted REST calls fail with {@code fault}. */
    public synchronized void failNext(int n, Fault fault) {
        nextCount = n;
        nextFault = n > 0 ? fault : null;
    }

    /** The next {@code n} counted REST calls whose request body contains {@code text} fail with {@code fault}. */
    public synchronized void failNextContaining(int n, Fault fault, String text) {
        matchingCount = n;
        matchingFault = n > 0 ? fault : null;
        matchingText = text;
    }

    /** That fraction of counted calls fail, drawn from a Random seeded with {@code seed}; ratio 0 turns it off. */
    public synchronized void failRatio(double ratio, Fault fault, long seed) {
        this.ratio = ratio;
        this.ratioFault = ratio > 0 ? fault : null;
        this.random = new Random(seed);
    }

    /** Every issued access token becomes invalid: 401 INVALID_SESSION_ID until the client logs in again. */
    public void expireSessions() {
        expireSessions.run();
    }

    /** While on, every counted call (except GET /limits) gets 403 REQUEST_LIMIT_EXCEEDED and /limits reports Remaining 0. */
    public void limitExceeded(boolean on) {
        limitExceeded = on;
    }

    /** Writes of {@code sObject} records whose {@code field} equals {@code value} fail with a 400 validation error. */
    public void rejectWhere(String sObject, String field, Object value, String errorCode, String message) {
        rejections.add(new Rejection(sObject, field, value, errorCode, message));
    }

    public void clearRejections() {
        rejections.clear();
    }

    /** All faults off (sessions stay as they are; counters of served faults are kept). */
    public synchronized void reset() {
        failNext(0, null);
        failNextContaining(0, null, null);
        failRatio(0, null, 0);
        limitExceeded = false;
        rejections.clear();
    }

    /** How many times {@code fault} was served (limitExceeded counts as REQUEST_LIMIT_EXCEEDED, expired tokens as INVALID_SESSION). */
    public long injected(Fault fault) {
        return served.get(fault).get();
    }

    // ---- used by the server ----

    boolean isLimitExceeded() {
        return limitExceeded;
    }

    /**
     * Picks the fault (if any) for one counted call and records it as served. {@code /limits} stays readable
     * while the allowance is exhausted, so clients can see Remaining 0.
     */
    synchronized Optional<Fault> draw(boolean limitsCall, String body) {
        Fault chosen = null;
        if (limitExceeded && !limitsCall) {
            chosen = Fault.REQUEST_LIMIT_EXCEEDED;
        } else if (matchingCount > 0 && body.contains(matchingText)) {
            matchingCount--;
            chosen = matchingFault;
        } else if (nextCount > 0) {
            nextCount--;
            chosen = nextFault;
        } else if (ratioFault != null && random.nextDouble() < ratio) {
            chosen = ratioFault;
        }
        if (chosen != null) {
            served(chosen);
        }
        return Optional.ofNullable(chosen);
    }

    void served(Fault fault) {
        served.get(fault).incrementAndGet();
    }

    /** The configured validation error for this (merged) record, if a rejection rule matches it. */
    Optional<SfError> rejection(String sObject, Map<String, Object> record) {
        for (Rejection r : rejections) {
            if (!r.sObject().equalsIgnoreCase(sObject)) {
                continue;
            }
            Object actual = record.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(r.field()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (actual != null && Values.same(actual, r.value(), false)) {
                return Optional.of(SfError.badRequest(r.errorCode(), r.message(), r.field()));
            }
        }
        return Optional.empty();
    }
}

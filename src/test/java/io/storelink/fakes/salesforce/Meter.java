package io.storelink.fakes.salesforce;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** API usage as Salesforce meters it: one per authenticated data call (a composite is one), plus logins. */
final class Meter {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final Queue<String> paths = new ConcurrentLinkedQueue<>();

    /** Counts one call and returns the usage including it (what Sforce-Limit-Info reports). */
    long count(String path) {
        paths.add(path);
        return calls.incrementAndGet();
    }

    long calls() {
        return calls.get();
    }

    long calls(String pathContains) {
        return paths.stream().filter(p -> p.contains(pathContains)).count();
    }

    void login() {
        logins.incrementAndGet();
    }

    long logins() {
        return logins.get();
    }

    synchronized void reset() {
        paths.clear();
        calls.set(0);
        logins.set(0);
    }
}

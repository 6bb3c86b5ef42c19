package io.storelink.fakes.shopify.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What tests assert on: GraphQL POSTs answered, THROTTLED answers, requests per operation name. */
final class AdminCounters {

    private static final String ANONYMOUS = "";

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    void request(String operationName) {
        requests.incrementAndGet();
        byOperation.computeIfAbsent(operationName == null ? ANONYMOUS : operationName, k -> new LongAdder()).increment();
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    long requests() {
        return requests.get();
    }

    long requests(String operationName) {
        LongAdder n = byOperation.get(operationName == null ? ANONYMOUS : operationName);
        return n == null ? 0 : n.sum();
    }

    long throttledCount() {
        return throttled.get();
    }

    void reset() {
        requests.set(0);
        throttled.set(0);
        byOperation.clear();
    }
}

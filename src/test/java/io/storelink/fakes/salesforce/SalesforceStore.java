package io.storelink.fakes.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The org's records. One re-entrant lock serialises all data access: a composite holds it for the whole
 * call, which gives Salesforce's transaction semantics (no interleaving, exact rollback) for free.
 * Rollback uses an undo journal of before-images, written only while a savepoint is open.
 */
final class SalesforceStore {

    private record Undo(String sObject, String id, Map<String, Object> before) {
    }

    final Schema schema;
    private final SalesforceIds ids = new SalesforceIds();
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * object name (canonical) -> id -> record (canonical field names, never null values). Ids are
     * fixed-width and ascending, so a TreeMap keeps creation order even after a rollback re-inserts a record.
     */
    private final Map<String, TreeMap<String, Map<String, Object>>> data = new LinkedHashMap<>();
    /** object -> field -> lower-case canonical value -> ids: see {@link #findBy}. */
    private final Map<String, Map<String, Map<String, Set<String>>>> indexes = new HashMap<>();
    private final List<Undo> journal = new ArrayList<>();
    private int openSavepoints;

    SalesforceStore(Schema schema) {
        this.schema = schema;
    }

    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    // ---- reads: return live maps; callers hold the lock and copy before handing out ----

    List<Map<String, Object>> all(String sObject) {
        checkLocked();
        var table = data.get(sObject);
        return table == null ? List.of() : new ArrayList<>(table.values());
    }

    Optional<Map<String, Object>> get(String sObject, String id18) {
        checkLocked();
        var table = data.get(sObject);
        return Optional.ofNullable(table == null ? null : table.get(id18));
    }

    /**
     * Records whose field matches; text ignoring case, as Salesforce matches external ids. Served from an index of
     * the field, built at its first lookup and kept up to date by every write and rollback: upserts look up their
     * external id, unique fields and parents, and a scan per lookup made a 200-record collection cost seconds in
     * an org of some 10,000 records.
     */
    List<Map<String, Object>> findBy(String sObject, String field, Object value, boolean ignoreCase) {
        checkLocked();
        if (value == null) {
            return all(sObject).stream().filter(r -> r.get(field) == null).toList();
        }
        var table = data.get(sObject);
        if (table == null) {
            return List.of();
        }
        Set<String> candidates = index(sObject, field).getOrDefault(Values.indexKey(value), Set.of());
        List<Map<String, Object>> found = new ArrayList<>();
        for (String id : candidates) {
            Map<String, Object> r = table.get(id);
            if (r != null && Values.same(r.get(field), value, ignoreCase)) {
                found.add(r);
            }
        }
        found.sort(java.util.Comparator.comparing(r -> (String) r.get("Id")));
        return found;
    }

    private Map<String, Set<String>> index(String sObject, String field) {
        Map<String, Map<String, Set<String>>> byField = indexes.computeIfAbsent(sObject, k -> new HashMap<>());
        Map<String, Set<String>> index = byField.get(field);
        if (index == null) {
            index = new HashMap<>();
            byField.put(field, index);
            for (Map<String, Object> r : data.getOrDefault(sObject, new TreeMap<>()).values()) {
                Object v = r.get(field);
                if (v != null) {
                    index.computeIfAbsent(Values.indexKey(v), k -> new HashSet<>()).add((String) r.get("Id"));
                }
            }
        }
        return index;
    }

    /** Adds ({@code add}) or removes a record's values in the indexes of its object. */
    private void indexed(String sObject, Map<String, Object> record, boolean add) {
        Map<String, Map<String, Set<String>>> byField = indexes.get(sObject);
        if (byField == null || record == null) {
            return;
        }
        String id = (String) record.get("Id");
        byField.forEach((field, index) -> {
            Object v = record.get(field);
            if (v == null) {
                return;
            }
            String key = Values.indexKey(v);
            if (add) {
                index.computeIfAbsent(key, k -> new HashSet<>()).add(id);
            } else {
                Set<String> ids = index.get(key);
                if (ids != null) {
                    ids.remove(id);
                }
            }
        });
    }

    // ---- writes: values are already validated and canonical ----

    String insert(String sObject, Map<String, Object> fields) {
        checkLocked();
        String keyPrefix = schema.object(sObject).orElseThrow().keyPrefix();
        String id = ids.next(keyPrefix);
        String now = Values.now();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", id);
        fields.forEach((k, v) -> {
            if (v != null) {
                record.put(k, v);
            }
        });
        record.put("CreatedDate", now);
        record.put("LastModifiedDate", now);
        data.computeIfAbsent(sObject, k -> new TreeMap<>()).put(id, record);
        indexed(sObject, record, true);
        remember(sObject, id, null);
        return id;
    }

    void update(String sObject, String id, Map<String, Object> changes) {
        checkLocked();
        Map<String, Object> record = get(sObject, id).orElseThrow();
        remember(sObject, id, new LinkedHashMap<>(record));
        indexed(sObject, record, false);
        changes.forEach((k, v) -> {
            if (v == null) {
                record.remove(k);
            } else {
                record.put(k, v);
            }
        });
        record.put("LastModifiedDate", Values.now());
        indexed(sObject, record, true);
    }

    boolean delete(String sObject, String id) {
        checkLocked();
        var table = data.get(sObject);
        Map<String, Object> removed = table == null ? null : table.remove(id);
        if (removed != null) {
            indexed(sObject, removed, false);
            remember(sObject, id, removed);
        }
        return removed != null;
    }

    void clear() {
        locked(() -> {
            data.clear();
            indexes.clear();
            journal.clear();
        });
    }

    // ---- transactions (caller holds the lock for the whole transaction) ----

    int savepoint() {
        checkLocked();
        openSavepoints++;
        return journal.size();
    }

    void rollbackTo(int savepoint) {
        checkLocked();
        for (int i = journal.size() - 1; i >= savepoint; i--) {
            Undo u = journal.remove(i);
            var table = data.computeIfAbsent(u.sObject(), k -> new TreeMap<>());
            indexed(u.sObject(), table.get(u.id()), false);
            if (u.before() == null) {
                table.remove(u.id());
            } else {
                table.put(u.id(), u.before());
                indexed(u.sObject(), u.before(), true);
            }
        }
        release();
    }

    void commit() {
        checkLocked();
        release();
    }

    private void release() {
        openSavepoints--;
        if (openSavepoints == 0) {
            journal.clear();
        }
    }

    private void remember(String sObject, String id, Map<String, Object> before) {
        if (openSavepoints > 0) {
            journal.add(new Undo(sObject, id, before));
        }
    }

    private void checkLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("store accessed without its lock");
        }
    }
}

package io.storelink.fakes.shopify.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Relay connections (nodes, edges, pageInfo) over a sorted list, with Shopify's first/after/last/before/reverse. */
final class Connections {

    /** Optional entry of a node map: its {@link Cursor} position; lists without it page by index. */
    static final String CURSOR_KEY = "__cursor";

    private Connections() {
    }

    /** A page of {@code sorted} (ascending by {@code key}); {@code view} renders only the nodes on the page. */
    static <T> Map<String, Object> page(List<T> sorted, Function<T, Cursor> key, Function<T, Object> view,
                                        Map<String, Object> args) {
        Integer first = (Integer) args.get("first");
        Integer last = (Integer) args.get("last");
        if (first == null && last == null) {
            throw FieldError.badRequest("you must provide one of first or last");
        }
        boolean reverse = Boolean.TRUE.equals(args.get("reverse"));
        List<T> list = sorted;
        Comparator<Cursor> order = Cursor.ORDER;
        if (reverse) {
            list = new ArrayList<>(sorted);
            Collections.reverse(list);
            order = order.reversed();
        }
        int from = 0;
        int to = list.size();
        if (args.get("after") instanceof String after) {
            from = firstIndex(list, key, order, Cursor.decode(after), false);
        }
        if (args.get("before") instanceof String before) {
            to = Math.max(from, firstIndex(list, key, order, Cursor.decode(before), true));
        }
        if (first != null) to = Math.min(to, from + Math.max(0, first));
        if (last != null) from = Math.max(from, to - Math.max(0, last));

        List<Object> nodes = new ArrayList<>();
        List<Object> edges = new ArrayList<>();
        String start = null;
        String end = null;
        for (T item : list.subList(from, to)) {
            Object node = view.apply(item);
            String cursor = key.apply(item).encode();
            start = start == null ? cursor : start;
            end = cursor;
            nodes.add(node);
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", cursor);
            edge.put("node", node);
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", to < list.size());
        pageInfo.put("hasPreviousPage", from > 0);
        pageInfo.put("startCursor", start);
        pageInfo.put("endCursor", end);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("nodes", nodes);
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    /** A page of a list of node maps as the views store them (see {@link #CURSOR_KEY}). */
    static Map<String, Object> page(List<?> nodes, Map<String, Object> args) {
        List<Object[]> keyed = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Object n = nodes.get(i);
            Object k = n instanceof Map<?, ?> m ? m.get(CURSOR_KEY) : null;
            keyed.add(new Object[] {k instanceof Cursor c ? c : new Cursor(String.format("%010d", i), 0), n});
        }
        keyed.sort(Comparator.comparing(a -> (Cursor) a[0], Cursor.ORDER));
        return page(keyed, a -> (Cursor) a[0], a -> a[1], args);
    }

    /** Index of the first item after {@code c} (or at/after it when {@code inclusive}), in list order. */
    private static <T> int firstIndex(List<T> list, Function<T, Cursor> key, Comparator<Cursor> order, Cursor c,
                                      boolean inclusive) {
        for (int i = 0; i < list.size(); i++) {
            int cmp = order.compare(key.apply(list.get(i)), c);
            if (cmp > 0 || (inclusive && cmp == 0)) return i;
        }
        return list.size();
    }
}

package io.storelink.lineitems;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of one order a lines call writes: some of its lines (at most 200 go into one call), and, in the call
 * with its last lines ({@code finishing}), the deletion of the Opportunity's lines the order no longer has
 * ({@code allLineKeys} tells which it has) and the order version ({@code stamp}) the writer withheld from the
 * Opportunity until its lines are written.
 */
record Slice(OrderLines order, List<OrderLines.Line> lines, boolean finishing, Set<String> allLineKeys,
        Map<String, Object> stamp) {

    String orderKey() {
        return order.orderKey();
    }
}

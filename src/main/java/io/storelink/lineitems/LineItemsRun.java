package io.storelink.lineitems;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;

/**
 * One lines call of the orders writer, for up to 200 lines of its orders: two composites, {@link PricesCall} then
 * {@link LinesCall} (built from what the first found). The writer asks for the next composite with the orders still
 * pending (an order Salesforce refused drops out) and hands back each answer. A retry starts again with the first
 * composite: what the second would write depends on what is in Salesforce now.
 */
public final class LineItemsRun {

    /**
     * An answer: per order key, the first failure; {@code finished}, the orders whose lines (and version) are now
     * written; {@code more}, whether the run has another composite to send.
     */
    public record Answer(Map<String, SalesforceException> failures, Set<String> finished, boolean more) {
    }

    private final LineContext context;
    private final List<Slice> slices;
    private PricesCall prices;
    private PricesCall.Found present;
    private LinesCall lines;
    private List<Slice> linesSlices;

    LineItemsRun(LineContext context, List<Slice> slices) {
        this.context = context;
        this.slices = slices;
    }

    /** The Shopify order ids (the Opportunities' external ids) this run writes lines of. */
    public Set<String> orderKeys() {
        return slices.stream().map(Slice::orderKey).collect(Collectors.toSet());
    }

    /** The next composite, for the orders still pending. */
    public SObjectComposite next(Set<String> pending) {
        if (present == null) {
            prices = new PricesCall(context, slices.stream().filter(s -> pending.contains(s.orderKey())).toList());
            return prices.composite;
        }
        return lines.composite;
    }

    public Answer answered(SObjectCompositeResponse response) throws SalesforceException {
        List<SObjectCompositeResult> results = results(response);
        Map<String, SalesforceException> failures = new HashMap<>();
        if (present == null) {
            present = prices.read(results, failures);
            // the second composite leaves out the orders refused here; built now, to know whether there is one
            Set<String> sent = prices.orderKeys();
            linesSlices = slices.stream().filter(s -> sent.contains(s.orderKey()) && !failures.containsKey(s.orderKey())).toList();
            lines = new LinesCall(context, linesSlices, present);
            return lines.isEmpty() ? new Answer(failures, finished(linesSlices, Map.of()), false) : new Answer(failures, Set.of(), true);
        }
        lines.read(results, failures);
        return new Answer(failures, finished(linesSlices, failures), false);
    }

    private static Set<String> finished(List<Slice> slices, Map<String, SalesforceException> failures) {
        return slices.stream().filter(Slice::finishing).map(Slice::orderKey).filter(k -> !failures.containsKey(k))
                .collect(Collectors.toSet());
    }

    /** After a failure that may pass: the next composite is the first again. */
    public void restart() {
        present = null;
        lines = null;
    }

    private static List<SObjectCompositeResult> results(SObjectCompositeResponse response) throws SalesforceException {
        if (response == null || response.getCompositeResponse() == null) {
            throw new SalesforceException("Salesforce composite call returned no results", 0);
        }
        return response.getCompositeResponse();
    }
}

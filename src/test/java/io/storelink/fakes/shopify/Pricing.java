package io.storelink.fakes.shopify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The money of one order in one currency, computed with BigDecimal so that every figure adds up to
 * the cent: total = Σ(price × qty) − discounts + tax + shipping, and the per-line discount and tax
 * allocations sum to total_discounts and total_tax (Shopify guarantees both; the bridge may rely on
 * them). Computed once in shop currency and once in presentment currency from converted unit
 * prices, so both halves of every {@code *_set} add up on their own.
 */
record Pricing(List<BigDecimal> lineTotals, List<BigDecimal> lineDiscounts, List<BigDecimal> lineTaxes,
               BigDecimal lineItemsTotal, BigDecimal discounts, BigDecimal subtotal, BigDecimal tax,
               BigDecimal shipping, BigDecimal total) {

    /**
     * @param percentOff order-level percentage discount (e.g. 15), or null
     * @param amountOff  order-level fixed discount, or null; capped at the line total
     */
    static Pricing of(List<BigDecimal> unitPrices, List<Integer> quantities, BigDecimal percentOff,
                      BigDecimal amountOff, BigDecimal shipping, BigDecimal taxRate) {
        List<BigDecimal> lineTotals = new ArrayList<>();
        BigDecimal itemsTotal = Money.ZERO;
        for (int i = 0; i < unitPrices.size(); i++) {
            BigDecimal line = Money.round(unitPrices.get(i).multiply(BigDecimal.valueOf(quantities.get(i))));
            lineTotals.add(line);
            itemsTotal = itemsTotal.add(line);
        }
        BigDecimal discount = Money.ZERO;
        if (percentOff != null) {
            discount = Money.round(itemsTotal.multiply(percentOff).movePointLeft(2));
        } else if (amountOff != null) {
            discount = Money.round(amountOff.min(itemsTotal));
        }
        List<BigDecimal> lineDiscounts = allocate(lineTotals, itemsTotal, discount);
        List<BigDecimal> lineNets = new ArrayList<>();
        for (int i = 0; i < lineTotals.size(); i++) lineNets.add(lineTotals.get(i).subtract(lineDiscounts.get(i)));
        BigDecimal subtotal = itemsTotal.subtract(discount);
        BigDecimal tax = Money.round(subtotal.multiply(taxRate));
        List<BigDecimal> lineTaxes = allocate(lineNets, subtotal, tax);
        BigDecimal total = subtotal.add(tax).add(Money.round(shipping));
        return new Pricing(List.copyOf(lineTotals), lineDiscounts, lineTaxes, itemsTotal, discount, subtotal, tax,
                Money.round(shipping), total);
    }

    /** Pro rata, rounded down; the remainder goes to the largest line so that nothing goes negative. */
    private static List<BigDecimal> allocate(List<BigDecimal> lines, BigDecimal sum, BigDecimal amount) {
        List<BigDecimal> shares = new ArrayList<>();
        if (amount.signum() == 0 || sum.signum() == 0) {
            lines.forEach(l -> shares.add(Money.ZERO));
            return List.copyOf(shares);
        }
        int largest = 0;
        BigDecimal allocated = Money.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal share = lines.get(i).multiply(amount).divide(sum, 2, RoundingMode.DOWN);
            shares.add(share);
            allocated = allocated.add(share);
            if (lines.get(i).compareTo(lines.get(largest)) > 0) largest = i;
        }
        shares.set(largest, shares.get(largest).add(amount.subtract(allocated)));
        return List.copyOf(shares);
    }
}

package io.storelink.fakes.shopify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shopify money conventions: decimal strings with two places, plus {shop_money, presentment_money} sets. */
final class Money {
    static final BigDecimal ZERO = new BigDecimal("0.00");

    static BigDecimal round(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** "409.94": always two decimals, never exponent notation (toString could give "1E+2"). */
    static String str(BigDecimal v) {
        return round(v).toPlainString();
    }

    static BigDecimal convert(BigDecimal eur, BigDecimal rate) {
        return round(eur.multiply(rate));
    }

    static ObjectNode set(BigDecimal shop, String shopCurrency, BigDecimal presentment, String presentmentCurrency) {
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.putObject("shop_money").put("amount", str(shop)).put("currency_code", shopCurrency);
        set.putObject("presentment_money").put("amount", str(presentment)).put("currency_code", presentmentCurrency);
        return set;
    }

    private Money() {}
}
